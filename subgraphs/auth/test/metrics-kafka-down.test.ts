// "Are events stuck?" on /metrics: while Kafka is unreachable (a closed TCP proxy in front of the
// real broker, as in outbox-kafka-down.test.ts) sign-ups pile up as unsent outbox events and the
// relay reports itself disconnected; once Kafka is reachable they are published, the published
// counter grows by exactly their number and the backlog returns to 0. Counts only.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { parsePrometheusText, sampleValue, type Exposition } from '@tracklore/devkit/prometheus-text';
import { createTcpProxy } from '@tracklore/devkit/tcp-proxy';
import { testBrokers } from '@tracklore/devkit/test-kafka';
import { USER_CREATED_TOPIC } from '@tracklore/shared/events/topics';
import { signUp, startTestAuth, uniqueEmail } from './helpers.ts';

const TOKEN = randomBytes(32).toString('base64url');
const [host, port] = (testBrokers()[0] ?? '').split(':');
const proxy = await createTcpProxy({ target: { host: host ?? '127.0.0.1', port: Number(port) }, startClosed: true });
after(() => proxy.stop());
const t = await startTestAuth('auth_metrics_kafka_down', {
  KAFKA_BROKERS: proxy.address,
  METRICS_TOKEN: TOKEN,
  OUTBOX_RETRY_MIN_MS: '200',
  OUTBOX_RETRY_MAX_MS: '1000',
  OUTBOX_POLL_INTERVAL_MS: '600000',
});

async function scrape(): Promise<Exposition> {
  const response = await fetch(`${t.auth.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(response.status, 200);
  return parsePrometheusText(await response.text());
}

async function until(what: string, check: (m: Exposition) => boolean, attempts = 200): Promise<Exposition> {
  for (let i = 0; i < attempts; i++) {
    const metrics = await scrape();
    if (check(metrics)) return metrics;
    await sleep(200);
  }
  assert.fail(`${what}: never true`);
}

test('events wait as unsent while Kafka is unreachable, and are all counted as published once it is back', async () => {
  const topic = USER_CREATED_TOPIC;
  for (let i = 0; i < 3; i++) await signUp(t, uniqueEmail('metrics-down'));
  const down = await until('the relay failed to connect', (m) => (sampleValue(m, 'auth_outbox_relay_consecutive_failures') ?? 0) >= 1);
  assert.equal(sampleValue(down, 'auth_outbox_unsent_events'), 3);
  assert.equal(sampleValue(down, 'auth_outbox_relay_connected'), 0);
  assert.equal(sampleValue(down, 'auth_outbox_published_events_total', { topic }), undefined, 'nothing published yet');

  await proxy.open();
  const up = await until('the backlog was published', (m) => sampleValue(m, 'auth_outbox_unsent_events') === 0);
  assert.equal(sampleValue(up, 'auth_outbox_published_events_total', { topic }), 3);
  assert.equal(sampleValue(up, 'auth_outbox_oldest_unsent_age_seconds'), 0);
  assert.equal(sampleValue(up, 'auth_outbox_relay_connected'), 1);
  assert.equal(sampleValue(up, 'auth_outbox_relay_consecutive_failures'), 0);
});

// Kafka unreachable: sign-ups still succeed (they never wait on Kafka); their events wait in the
// outbox and all arrive, once each, when Kafka is reachable again.
// "Kafka down" is a real TCP proxy in front of the real broker, closed (connections refused)
// while the service starts and takes the sign-ups, then opened. kafkajs bootstraps through the
// proxy; afterwards it talks to the broker's advertised address directly, so the proxy models
// "unreachable until it comes back", which is what the relay must survive.
import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import { parseUserCreated, USER_CREATED_TOPIC } from '@tracklore/shared/events/user-created';
import { createTcpProxy } from '@tracklore/devkit/tcp-proxy';
import { readTopic, testBrokers, type ReadMessage } from '@tracklore/devkit/test-kafka';
import { systemClock } from '@tracklore/shared/clock';
import { signUp, startTestAuth, uniqueEmail } from './helpers.ts';

const [host, port] = (testBrokers()[0] ?? '').split(':');
const proxy = await createTcpProxy({ target: { host: host ?? '127.0.0.1', port: Number(port) }, startClosed: true });
after(() => proxy.stop());
const t = await startTestAuth('auth_outbox_kafka_down', {
  KAFKA_BROKERS: proxy.address,
  RATE_LIMIT_SIGNUP_ADDRESS_MAX: '1000',
  OUTBOX_RETRY_MIN_MS: '200',
  OUTBOX_RETRY_MAX_MS: '1500',
  OUTBOX_POLL_INTERVAL_MS: '600000', // retries are timed by backoff, not by the safety poll
});
const reader = await readTopic(USER_CREATED_TOPIC);
after(() => reader.stop());

async function ready(): Promise<{ checks: { kafka: { state: string; lastError: string | null }; outbox: { pending: number } } }> {
  const response = await fetch(`${t.auth.url}/ready`);
  assert.equal(response.status, 200, 'Kafka being down must not make the service unready');
  return (await response.json()) as never;
}

/** Topics are shared by every test file and user ids restart at 1 per database: match by email. */
const emailOf = (m: ReadMessage): string | undefined => {
  const parsed = parseUserCreated(m.value, m.key);
  return parsed.ok ? parsed.event.user.email : undefined;
};

test('20 sign-ups succeed while Kafka is unreachable; after it returns all 20 events arrive once', async () => {
  const emails = Array.from({ length: 20 }, () => uniqueEmail('down'));
  const payloads = await Promise.all(emails.map((email) => signUp(t, email)));
  const ids = new Set(payloads.map((p) => p.user.id));
  assert.equal(ids.size, 20);
  const mineOnTopic = () => reader.messages.filter((m) => emails.includes(emailOf(m) ?? ''));

  const { rows: waiting } = await t.sql.query('SELECT count(*)::int AS n FROM outbox_events WHERE sent_at IS NULL AND key = ANY($1)', [[...ids]]);
  assert.equal(waiting[0].n, 20, 'every event waits in the outbox');
  assert.equal(mineOnTopic().length, 0);
  const down = await ready();
  assert.equal(down.checks.kafka.state, 'disconnected');
  assert.ok(down.checks.outbox.pending >= 20);

  await proxy.open();
  const arrived = await reader.waitFor((m) => emails.includes(emailOf(m) ?? ''), 20, 60_000);
  assert.equal(arrived.length, 20);
  await waitFor(async () => (await ready()).checks.outbox.pending === 0);
  await new Promise((r) => setTimeout(r, 1500)); // room for a duplicate to show up, if there were one
  const mine = mineOnTopic();
  assert.equal(mine.length, 20, 'each event exactly once');
  assert.deepEqual(new Set(mine.map(emailOf)), new Set(emails));
  assert.deepEqual(new Set(mine.map((m) => m.key)), ids);
  assert.equal(new Set(mine.map((m) => m.headers['event-id'])).size, 20);
  const up = await ready();
  assert.equal(up.checks.kafka.state, 'connected');
  const { rows: attempts } = await t.sql.query('SELECT count(*)::int AS n FROM outbox_events WHERE sent_at IS NOT NULL AND key = ANY($1)', [[...ids]]);
  assert.equal(attempts[0].n, 20);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = systemClock.now() + timeoutMs;
  while (!(await check())) {
    if (systemClock.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

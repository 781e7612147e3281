// The relay survives the broker going away while it is connected: on its own real broker (the
// shared one serves other files), a sign-up is published, the broker is stopped, sign-ups go on
// succeeding (their publish fails and is rescheduled with backoff), and after the broker restarts
// on the same port and data every event is on the topic exactly once. Same service, no restart.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startBroker, type RunningBroker } from '@tracklore/devkit/kafka-broker';
import { freePort } from '@tracklore/devkit/ports';
import { readTopic, type ReadMessage } from '@tracklore/devkit/test-kafka';
import { parseUserCreated, USER_CREATED_TOPIC } from '@tracklore/shared/events/user-created';
import { systemClock } from '@tracklore/shared/clock';
import { signUp, startTestAuth, uniqueEmail } from './helpers.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'auth-broker-restart-'));
const port = await freePort();
const controllerPort = await freePort();
let broker: RunningBroker | undefined = await startBroker({ dataDir, port, controllerPort });
after(async () => {
  await broker?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});
const brokers = [`127.0.0.1:${port}`];
const t = await startTestAuth('auth_outbox_broker_restart', {
  KAFKA_BROKERS: brokers.join(','),
  OUTBOX_RETRY_MIN_MS: '200',
  OUTBOX_RETRY_MAX_MS: '1000',
  OUTBOX_POLL_INTERVAL_MS: '600000',
});

const emailOf = (m: ReadMessage) => {
  const parsed = parseUserCreated(m.value, m.key);
  return parsed.ok ? parsed.event.user.email : undefined;
};

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = systemClock.now() + timeoutMs;
  while (!(await check())) {
    if (systemClock.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const unsent = async (emails: string[]) =>
  (await t.sql.query(`SELECT count(*)::int AS n FROM outbox_events WHERE sent_at IS NULL AND payload->'user'->>'email' = ANY($1)`, [emails])).rows[0].n as number;

test('a broker stop while connected delays events; after the restart each arrives once', async () => {
  const first = uniqueEmail('before-stop');
  await signUp(t, first);
  await eventually(async () => (await unsent([first])) === 0, 'the first event to be published');

  await broker?.stop();
  broker = undefined;
  const during = Array.from({ length: 5 }, () => uniqueEmail('while-down'));
  for (const email of during) await signUp(t, email); // each succeeds although Kafka is gone
  // The relay tried, failed, and rescheduled the rows (attempts and last_error recorded).
  await eventually(async () => {
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM outbox_events WHERE sent_at IS NULL AND attempts > 0 AND last_error IS NOT NULL`);
    return rows[0].n > 0;
  }, 'a failed publish attempt to be recorded');
  assert.equal(await unsent(during), 5);

  broker = await startBroker({ dataDir, port, controllerPort });
  await eventually(async () => (await unsent(during)) === 0, 'the waiting events to be published');
  const reader = await readTopic(USER_CREATED_TOPIC, brokers);
  try {
    const all = [first, ...during];
    await reader.waitFor((m) => all.includes(emailOf(m) ?? ''), all.length, 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    const seen = reader.messages.map(emailOf).filter((e): e is string => e !== undefined && all.includes(e));
    assert.deepEqual([...seen].sort(), [...all].sort(), 'every event exactly once');
  } finally {
    await reader.stop();
  }
  const ready = (await (await fetch(`${t.auth.url}/ready`)).json()) as { checks: { kafka: { state: string } } };
  assert.equal(ready.checks.kafka.state, 'connected');
});

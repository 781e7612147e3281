// The UserCreated consumer against the real broker and PostgreSQL: idempotent references,
// dead-lettering, offsets that survive a stop, lag on /ready, and a clean SIGTERM.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { createTestDatabase } from '@tracklore/devkit/test-databases';
import { readTopic, testBrokers, type TopicReader } from '@tracklore/devkit/test-kafka';
import { buildUserCreated, USER_CREATED_DLQ_TOPIC, USER_CREATED_TOPIC } from '@tracklore/shared/events/user-created';
import { systemClock } from '@tracklore/shared/clock';
import type { UserConfig } from '../src/config.ts';
import { bigUserId, eventually, GATEWAY_SECRET, openPg, startTestProducer, startTestUser, testConfig, type TestProducer, type TestUser } from './support/harness.ts';

let databaseUrl: string;
let config: UserConfig;
let user: TestUser;
let db: pg.Client;
let producer: TestProducer;
let dlq: TopicReader;

before(async () => {
  databaseUrl = await createTestDatabase('user', 'user_consumer');
  config = testConfig(databaseUrl, { KAFKA_GROUP_ID: `user-consumer-test-${randomUUID()}` });
  user = await startTestUser(config);
  db = await openPg(databaseUrl);
  producer = await startTestProducer();
  dlq = await readTopic(USER_CREATED_DLQ_TOPIC);
});

after(async () => {
  await user?.stop();
  await producer?.stop();
  await dlq?.stop();
  await db?.end();
});

async function referenceOf(id: number) {
  const { rows } = await db.query('SELECT id, source, created_at FROM auth_user_references WHERE id = $1', [id]);
  return rows[0] as { id: number; source: string; created_at: Date } | undefined;
}

async function processed(eventId: string): Promise<number> {
  const { rows } = await db.query('SELECT count(*)::int AS n FROM processed_events WHERE event_id = $1', [eventId]);
  return rows[0].n as number;
}

test('a UserCreated creates the reference and an empty profile; the same event again changes nothing', async () => {
  const id = bigUserId();
  const event = await producer.userCreated(id);
  const reference = await eventually(() => referenceOf(id), `reference ${id}`);
  assert.equal(reference.source, 'EVENT');
  const { rows: profiles } = await db.query('SELECT display_name, bio, avatar_url, location, updated_at FROM profiles WHERE user_id = $1', [id]);
  assert.deepEqual(profiles, [{ display_name: null, bio: null, avatar_url: null, location: null, updated_at: null }]);
  assert.equal(await processed(event.eventId), 1);

  // The same event redelivered, then a later event on the same key (same partition, so once the
  // later one is processed the redelivery has been handled too).
  await producer.userCreated(event);
  const marker = await producer.userCreated(buildUserCreated({ id, email: `u${id}@example.test`, createdAt: systemClock.date() }));
  await eventually(async () => (await processed(marker.eventId)) === 1, 'the marker event');
  assert.equal(await processed(event.eventId), 1);
  assert.deepEqual(await referenceOf(id), reference, 'the reference is unchanged');
  const { rows: again } = await db.query('SELECT count(*)::int AS n FROM profiles WHERE user_id = $1', [id]);
  assert.equal(again[0].n, 1);
});

test('a garbage message goes to the DLQ with its reason and origin; the next good event is still processed', async () => {
  const id = bigUserId();
  await producer.raw('{"this is": not json', String(id));
  await producer.raw(JSON.stringify({ type: 'UserCreated', version: 1, eventId: 'nope' }), String(id));
  const good = await producer.userCreated(id);

  const [notJson, wrongShape] = await dlq.waitFor((m) => m.key === String(id), 2);
  assert.equal(notJson?.value, '{"this is": not json');
  assert.match(notJson?.headers.reason ?? '', /not JSON/);
  assert.equal(notJson?.headers['original-topic'], USER_CREATED_TOPIC);
  assert.match(notJson?.headers['original-partition'] ?? '', /^\d+$/);
  assert.match(notJson?.headers['original-offset'] ?? '', /^\d+$/);
  assert.match(wrongShape?.headers.reason ?? '', /does not match UserCreated v1.*eventId/);

  await eventually(() => referenceOf(id), `reference ${id} after the garbage`);
  assert.equal(await processed(good.eventId), 1);
});

test('events produced while the consumer is stopped are all applied once when it starts again', async () => {
  await user.stop();
  const ids = Array.from({ length: 50 }, () => bigUserId());
  const events = [];
  for (const id of ids) events.push(await producer.userCreated(id));
  for (const event of events.slice(0, 10)) await producer.userCreated(event); // redeliveries

  user = await startTestUser(config); // same consumer group: continues from the committed offsets
  await eventually(async () => {
    const { rows } = await db.query('SELECT count(*)::int AS n FROM auth_user_references WHERE id = ANY($1)', [ids]);
    return rows[0].n === 50;
  }, '50 references');
  const { rows } = await db.query('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM processed_events WHERE event_id = ANY($1::uuid[])', [events.map((e) => e.eventId)]);
  assert.deepEqual(rows[0], { n: 50, d: 50 });
  const { rows: profiles } = await db.query('SELECT count(*)::int AS n FROM profiles WHERE user_id = ANY($1)', [ids]);
  assert.equal(profiles[0].n, 50);
});

test('/ready reports the database and the consumer lag, which drops to 0 once caught up', async () => {
  const ready = await eventually(async () => {
    const body = (await (await fetch(`${user.service.url}/ready`)).json()) as { status: string; checks: { database: { ok: boolean }; kafka: { consumer: string; lag: number | null } } };
    return body.checks.kafka.lag === 0 && body.checks.kafka.consumer === 'running' ? body : undefined;
  }, 'lag 0');
  assert.equal(ready.status, 'ready');
  assert.equal(ready.checks.database.ok, true);
});

test('the process stops cleanly on SIGTERM (exit 0) after consuming', async () => {
  const id = bigUserId();
  const childDatabaseUrl = await createTestDatabase('user', 'user_consumer_sigterm');
  const childDb = await openPg(childDatabaseUrl);
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../src/main.ts', import.meta.url))], {
    env: {
      ...process.env,
      GATEWAY_SECRET,
      INTERNAL_API_SECRET: config.internalApiSecret,
      USER_DATABASE_URL: childDatabaseUrl,
      USER_PORT: '0',
      KAFKA_BROKERS: testBrokers().join(','),
      KAFKA_GROUP_ID: `user-consumer-sigterm-${randomUUID()}`,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await producer.userCreated(id);
    await eventually(async () => (await childDb.query('SELECT 1 FROM auth_user_references WHERE id = $1', [id])).rowCount === 1, 'the child process to consume');
    child.kill('SIGTERM');
    assert.equal(await exited, 0, output);
    assert.match(output, /"msg":"stopped"/);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await childDb.end();
  }
});

// UserDeleted in the user subgraph, on real PostgreSQL and the real broker: the handler deletes the
// reference, profile, goals and awarded badges and keeps only the tombstone; a redelivered
// UserDeleted and a UserCreated replayed after it neither resurrect nor duplicate anything; an
// event for an unknown user is recorded; read-repair racing a deletion never recreates the user;
// the consumer applies both topics with one group, dead-letters a malformed UserDeleted and reports
// the lag of both topics on /ready.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type pg from 'pg';
import { createTestDatabase } from '@tracklore/devkit/test-databases';
import { readTopic, type TopicReader } from '@tracklore/devkit/test-kafka';
import { buildUserCreated, type UserCreated } from '@tracklore/shared/events/user-created';
import { buildUserDeleted, toUserDeletedMessage, USER_DELETED_DLQ_TOPIC, USER_DELETED_TOPIC, type UserDeleted } from '@tracklore/shared/events/user-deleted';
import { createLogger } from '@tracklore/shared/logger';
import { systemClock } from '@tracklore/shared/clock';
import { isTransientDbError, openDatabase, type Database } from '../src/db.ts';
import type { MessageDeps } from '../src/events/handle-event.ts';
import { handleUserCreated } from '../src/events/user-created-handler.ts';
import { handleUserDeleted } from '../src/events/user-deleted-handler.ts';
import { createReference, recordUserCreated, recordUserDeleted } from '../src/repositories/references.ts';
import type { UserConfig } from '../src/config.ts';
import { bigUserId, eventually, openPg, startTestProducer, startTestUser, testConfig, type TestProducer, type TestUser } from './support/harness.ts';
import { GONE, holdingsOf } from './support/holdings.ts';

let databaseUrl: string;
let database: Database;
let db: pg.Client;

before(async () => {
  databaseUrl = await createTestDatabase('user', 'user_deleted');
  database = openDatabase({ connectionString: databaseUrl, poolSize: 4 });
  db = await openPg(databaseUrl);
});
after(async () => {
  await database?.close();
  await db?.end();
});

const n = async (sql: string, params: unknown[]): Promise<number> => (await db.query(sql, params)).rows[0].n as number;
const holdings = (id: number) => holdingsOf(db, id);

/** A user with a reference, a filled-in profile, two goals and a badge. */
async function fullUser(id: number): Promise<void> {
  await db.query(`INSERT INTO auth_user_references (id, source) VALUES ($1, 'EVENT')`, [id]);
  await db.query(`INSERT INTO profiles (user_id, display_name, bio) VALUES ($1, 'Ada', 'counts')`, [id]);
  await db.query(`INSERT INTO learning_goals (user_id, title, updated_at) VALUES ($1, 'one', now()), ($1, 'two', now())`, [id]);
  await db.query(`INSERT INTO user_badges (user_id, badge_id) SELECT $1, id FROM badges ORDER BY id LIMIT 1`, [id]);
  assert.deepEqual(await holdings(id), { references: 1, profiles: 1, goals: 2, badges: 1, tombstones: 0 });
}

describe('handler on real PostgreSQL', () => {
  const deadLetters: string[] = [];
  const deps: MessageDeps = {
    deadLetter: async (reason) => void deadLetters.push(reason),
    isTransient: isTransientDbError,
    isStopping: () => false,
    sleep: (ms) => systemClock.sleep(ms),
    heartbeat: async () => {},
    logger: createLogger('test', 'silent'),
  };
  const deleted = (event: UserDeleted) => {
    const m = toUserDeletedMessage(event);
    return handleUserDeleted({ key: Buffer.from(m.key), value: Buffer.from(m.value) }, { ...deps, record: (e) => recordUserDeleted(database.prisma, e) });
  };
  const created = (event: UserCreated) =>
    handleUserCreated({ key: Buffer.from(String(event.user.id)), value: Buffer.from(JSON.stringify(event)) }, { ...deps, record: (e) => recordUserCreated(database.prisma, e) });
  const userCreated = (id: number) => buildUserCreated({ id, email: `u${id}@example.test`, createdAt: systemClock.date() });

  test('UserDeleted removes reference, profile, goals and badges in one go and leaves the tombstone; other users keep theirs', async () => {
    const [id, other] = [bigUserId(), bigUserId()];
    await fullUser(id);
    await fullUser(other);
    const badgesBefore = await n('SELECT count(*)::int AS n FROM badges', []);
    const event = buildUserDeleted(id, systemClock.date());
    assert.equal(await deleted(event), 'deleted');
    assert.deepEqual(await holdings(id), GONE);
    assert.deepEqual(await holdings(other), { references: 1, profiles: 1, goals: 2, badges: 1, tombstones: 0 });
    assert.equal(await n('SELECT count(*)::int AS n FROM badges', []), badgesBefore, 'the badge catalogue stays');
    assert.equal(await n('SELECT count(*)::int AS n FROM processed_events WHERE event_id = $1', [event.eventId]), 1);
  });

  test('UserDeleted redelivered, then UserCreated replayed (same and new event id): no resurrection, no duplicate', async () => {
    const id = bigUserId();
    const create = userCreated(id);
    assert.equal(await created(create), 'created');
    const remove = buildUserDeleted(id, systemClock.date());
    assert.equal(await deleted(remove), 'deleted');
    assert.equal(await deleted(remove), 'duplicate');
    assert.equal(await created(create), 'duplicate');
    const late = userCreated(id); // e.g. an outbox retry that was on its way when the account went
    assert.equal(await created(late), 'tombstoned');
    assert.equal(await created(late), 'duplicate');
    assert.deepEqual(await holdings(id), GONE);
    assert.equal(await n('SELECT count(*)::int AS n FROM processed_events WHERE event_id = ANY($1::uuid[])', [[create.eventId, remove.eventId, late.eventId]]), 3);
  });

  test('a UserDeleted for an unknown user is recorded, not an error, and its UserCreated arriving later is ignored', async () => {
    const id = bigUserId();
    const remove = buildUserDeleted(id, systemClock.date());
    assert.equal(await deleted(remove), 'unknown-user');
    assert.equal(await n('SELECT count(*)::int AS n FROM processed_events WHERE event_id = $1', [remove.eventId]), 1);
    assert.equal(await created(userCreated(id)), 'tombstoned');
    assert.deepEqual(await holdings(id), GONE);
  });

  test('a malformed UserDeleted is dead-lettered with the reason and touches nothing', async () => {
    deadLetters.length = 0;
    const id = bigUserId();
    await fullUser(id);
    const event = buildUserDeleted(id, systemClock.date());
    const wrongKey = await handleUserDeleted({ key: Buffer.from(String(id + 1)), value: Buffer.from(JSON.stringify(event)) }, { ...deps, record: (e) => recordUserDeleted(database.prisma, e) });
    const notJson = await handleUserDeleted({ key: Buffer.from(String(id)), value: Buffer.from('{nope') }, { ...deps, record: (e) => recordUserDeleted(database.prisma, e) });
    assert.deepEqual([wrongKey, notJson], ['dead-lettered', 'dead-lettered']);
    assert.match(deadLetters[0] ?? '', new RegExp(`does not match userId ${id}`));
    assert.match(deadLetters[1] ?? '', /not JSON/);
    assert.equal((await holdings(id)).references, 1);
  });

  test('read-repair never recreates a deleted user, also when it races the deletion', async () => {
    const id = bigUserId();
    assert.equal(await created(userCreated(id)), 'created');
    assert.equal(await deleted(buildUserDeleted(id, systemClock.date())), 'deleted');
    // auth answered "found" before it deleted the account; the write comes after the event.
    assert.equal(await createReference(database.prisma, id, 'REPAIR'), 'deleted');
    assert.deepEqual(await holdings(id), GONE);

    // Deletion and repair of one user at the same time, 20 times: whichever runs first, none survives.
    const ids = Array.from({ length: 20 }, () => bigUserId());
    for (const u of ids) await Promise.all([createReference(database.prisma, u, 'REPAIR'), recordUserDeleted(database.prisma, buildUserDeleted(u, systemClock.date()))]);
    assert.equal(await n('SELECT count(*)::int AS n FROM auth_user_references WHERE id = ANY($1)', [ids]), 0);
    assert.equal(await n('SELECT count(*)::int AS n FROM profiles WHERE user_id = ANY($1)', [ids]), 0);
    assert.equal(await n('SELECT count(*)::int AS n FROM deleted_users WHERE id = ANY($1)', [ids]), 20);
  });
});

describe('consumer on the real broker', () => {
  let config: UserConfig;
  let user: TestUser;
  let producer: TestProducer;
  let dlq: TopicReader;
  const processed = (eventId: string) => n('SELECT count(*)::int AS n FROM processed_events WHERE event_id = $1', [eventId]);

  before(async () => {
    config = testConfig(databaseUrl, { KAFKA_GROUP_ID: `user-deleted-test-${randomUUID()}` });
    user = await startTestUser(config);
    producer = await startTestProducer();
    dlq = await readTopic(USER_DELETED_DLQ_TOPIC);
  });
  after(async () => {
    await user?.stop();
    await producer?.stop();
    await dlq?.stop();
  });

  test('UserCreated then UserDeleted: the user is gone; the deletion redelivered and the creation replayed change nothing', async () => {
    const id = bigUserId();
    const create = await producer.userCreated(id);
    await eventually(async () => (await holdings(id)).references === 1, `reference ${id}`);
    await db.query(`INSERT INTO learning_goals (user_id, title, updated_at) VALUES ($1, 'goal', now())`, [id]);
    await db.query(`INSERT INTO user_badges (user_id, badge_id) SELECT $1, id FROM badges ORDER BY id LIMIT 1`, [id]);
    const remove = await producer.userDeleted(id);
    await eventually(async () => (await holdings(id)).tombstones === 1, `tombstone ${id}`);
    assert.deepEqual(await holdings(id), GONE);

    await producer.userDeleted(remove);
    await producer.userCreated(create);
    await producer.userCreated(buildUserCreated({ id, email: `u${id}@example.test`, createdAt: systemClock.date() }));
    // A later event on each topic with the same key (same partition): once both are processed,
    // the redelivery and the replays before them have been handled too.
    const markers = [await producer.userCreated(id), await producer.userDeleted(id)];
    await eventually(async () => (await processed(markers[0]!.eventId)) + (await processed(markers[1]!.eventId)) === 2, 'the marker events');
    assert.deepEqual(await holdings(id), GONE);
    assert.equal(await processed(remove.eventId), 1);
    assert.equal(await processed(create.eventId), 1);
  });

  test('a malformed UserDeleted goes to auth.user-deleted.v1.dlq with its reason and origin; the next good one is applied', async () => {
    const id = bigUserId();
    await producer.raw('{"this is": not json', String(id), USER_DELETED_TOPIC);
    await producer.raw(JSON.stringify({ ...buildUserDeleted(id, systemClock.date()), userId: 'x' }), String(id), USER_DELETED_TOPIC);
    const good = await producer.userDeleted(id);
    // Every test file's consumer group dead-letters what it reads from the shared topic, so pick by reason.
    const [notJson] = await dlq.waitFor((m) => m.key === String(id) && /not JSON/.test(m.headers.reason ?? ''));
    const [wrongShape] = await dlq.waitFor((m) => m.key === String(id) && !/not JSON/.test(m.headers.reason ?? ''));
    assert.equal(notJson?.value, '{"this is": not json');
    assert.equal(notJson?.headers['original-topic'], USER_DELETED_TOPIC);
    assert.match(notJson?.headers['original-offset'] ?? '', /^\d+$/);
    assert.match(wrongShape?.headers.reason ?? '', /does not match UserDeleted v1.*userId/);
    await eventually(async () => (await processed(good.eventId)) === 1, 'the good UserDeleted');
    assert.equal((await holdings(id)).tombstones, 1);
  });

  test('both events produced while the consumer is stopped, in either order: no user comes back', async () => {
    await user.stop();
    const ids = Array.from({ length: 6 }, () => bigUserId());
    for (const [i, id] of ids.entries()) {
      if (i % 2 === 0) {
        await producer.userCreated(id);
        await producer.userDeleted(id);
      } else {
        await producer.userDeleted(id);
        await producer.userCreated(id);
      }
    }
    user = await startTestUser(config); // same group: continues from the committed offsets
    await eventually(async () => (await n('SELECT count(*)::int AS n FROM deleted_users WHERE id = ANY($1)', [ids])) === 6, '6 tombstones');
    const ready = await eventually(async () => {
      const body = (await (await fetch(`${user.service.url}/ready`)).json()) as { checks: { kafka: { lag: number | null; lagByTopic?: Record<string, unknown> } } };
      return body.checks.kafka.lag === 0 ? body : undefined;
    }, 'lag 0 on both topics');
    assert.deepEqual(Object.keys(ready.checks.kafka.lagByTopic ?? {}).sort(), ['auth.user-created.v1', 'auth.user-deleted.v1']);
    assert.equal(await n('SELECT count(*)::int AS n FROM auth_user_references WHERE id = ANY($1)', [ids]), 0);
    assert.equal(await n('SELECT count(*)::int AS n FROM profiles WHERE user_id = ANY($1)', [ids]), 0);
  });
});

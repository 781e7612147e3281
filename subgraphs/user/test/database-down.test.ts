// PostgreSQL unreachable (the service reaches it through a TCP proxy the test switches off): a
// UserCreated consumed meanwhile is retried, not skipped and not dead-lettered, and applied once
// the database is back; GraphQL answers a generic error without SQL; /ready reports the database.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { createTcpProxy, type TcpProxy } from '@tracklore/devkit/tcp-proxy';
import { createTestDatabase } from '@tracklore/devkit/test-databases';
import { bigUserId, eventually, openPg, startTestProducer, startTestUser, testConfig, type TestProducer, type TestUser } from './support/harness.ts';

let proxy: TcpProxy;
let user: TestUser;
let db: pg.Client;
let producer: TestProducer;

before(async () => {
  const databaseUrl = await createTestDatabase('user', 'user_database_down');
  const direct = new URL(databaseUrl);
  proxy = await createTcpProxy({ target: { host: direct.hostname, port: Number(direct.port || 5432) } });
  const viaProxy = new URL(databaseUrl);
  viaProxy.host = proxy.address;
  user = await startTestUser(testConfig(viaProxy.toString()));
  db = await openPg(databaseUrl); // direct, for assertions
  producer = await startTestProducer();
});

after(async () => {
  await proxy?.open(); // let the service close its pool cleanly
  await user?.stop();
  await producer?.stop();
  await db?.end();
  await proxy?.stop();
});

test('an event consumed while the database is down is applied once it is back', async () => {
  await user.graphql('{ badges { slug } }'); // the pool has connected once
  await proxy.close();

  const badges = await user.graphql('{ badges { slug } }');
  assert.equal(badges.errors?.[0]?.extensions?.code, 'INTERNAL_SERVER_ERROR');
  assert.equal(badges.errors?.[0]?.message, 'Internal server error', 'no SQL or driver text reaches the client');
  const ready = await fetch(`${user.service.url}/ready`);
  assert.equal(ready.status, 503);
  const body = (await ready.json()) as { checks: { database: { ok: boolean } } };
  assert.equal(body.checks.database.ok, false);

  const id = bigUserId();
  const event = await producer.userCreated(id);
  // Let the consumer meet the outage: a few failed attempts happen before the database returns.
  await new Promise((r) => setTimeout(r, 3000));
  await proxy.open();

  await eventually(async () => (await db.query('SELECT 1 FROM processed_events WHERE event_id = $1', [event.eventId])).rowCount === 1, 'the event after the outage', 120_000);
  // Recorded means it was neither skipped nor dead-lettered (a dead-lettered event is never recorded).
  const { rows } = await db.query('SELECT source FROM auth_user_references WHERE id = $1', [id]);
  assert.deepEqual(rows, [{ source: 'EVENT' }]);
  assert.equal((await fetch(`${user.service.url}/ready`)).status, 200);
});

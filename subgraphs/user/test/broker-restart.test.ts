// The consumer survives a Kafka broker restart: on its own real broker (not the shared one, which
// other test files use), an event before the restart and events produced after it on both topics
// (UserCreated, UserDeleted) are all applied, without restarting the user subgraph.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type pg from 'pg';
import { startBroker, type RunningBroker } from '@tracklore/devkit/kafka-broker';
import { freePort } from '@tracklore/devkit/ports';
import { createTestDatabase } from '@tracklore/devkit/test-databases';
import { buildUserCreated, toUserCreatedMessage, USER_CREATED_TOPIC } from '@tracklore/shared/events/user-created';
import { buildUserDeleted, toUserDeletedMessage, USER_DELETED_TOPIC } from '@tracklore/shared/events/user-deleted';
import type { EventMessage } from '@tracklore/shared/events/parse';
import { systemClock } from '@tracklore/shared/clock';
import { bigUserId, eventually, openPg, startTestUser, testConfig, type TestUser } from './support/harness.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'user-broker-restart-'));
let port: number;
let controllerPort: number;
let broker: RunningBroker | undefined;
let user: TestUser;
let db: pg.Client;

before(async () => {
  port = await freePort();
  controllerPort = await freePort();
  broker = await startBroker({ dataDir, port, controllerPort });
  const databaseUrl = await createTestDatabase('user', 'user_broker_restart');
  user = await startTestUser(testConfig(databaseUrl, { KAFKA_BROKERS: `127.0.0.1:${port}` }));
  db = await openPg(databaseUrl);
});

after(async () => {
  await user?.stop();
  await db?.end();
  await broker?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const created = (userId: number) => toUserCreatedMessage(buildUserCreated({ id: userId, email: `u${userId}@example.test`, createdAt: systemClock.date() }));

async function produce(userId: number, topic = USER_CREATED_TOPIC, message: EventMessage = created(userId)): Promise<void> {
  const kafka = new Kafka({ clientId: 'user-broker-restart-test', brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: [message] });
  } finally {
    await producer.disconnect();
  }
}

const hasReference = async (id: number) => (await db.query('SELECT 1 FROM auth_user_references WHERE id = $1', [id])).rowCount === 1;

test('events before and after a broker restart are both consumed by the same running service', async () => {
  const before = bigUserId();
  await produce(before);
  await eventually(() => hasReference(before), 'the event before the restart', 60_000);

  await broker?.stop();
  broker = await startBroker({ dataDir, port, controllerPort });

  const afterRestart = bigUserId();
  await produce(afterRestart);
  await eventually(() => hasReference(afterRestart), 'the event after the restart', 120_000);
  assert.equal(await hasReference(before), true);
  await produce(before, USER_DELETED_TOPIC, toUserDeletedMessage(buildUserDeleted(before, systemClock.date())));
  await eventually(async () => !(await hasReference(before)), 'the UserDeleted after the restart', 60_000);
  assert.equal(await hasReference(afterRestart), true);
  const ready = (await (await fetch(`${user.service.url}/ready`)).json()) as { checks: { kafka: { consumer: string } } };
  assert.equal(ready.checks.kafka.consumer, 'running');
});

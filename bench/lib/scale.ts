// Goal 6: how cost grows with work. `_entities` for 1 … 1,000 users and `me`'s user part with
// 5 … 500 goals, timed and with the SQL statements the user subgraph sends counted at its pg client
// (an in-process instance on the bench database, started with the onSqlStatement hook); and the
// UserCreated throughput of one, then two user-subgraph processes in one consumer group.
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type pg from 'pg';
import { buildUserCreated, toUserCreatedMessage, USER_CREATED_TOPIC } from '@tracklore/shared/events/user-created';
import { GATEWAY_HEADER, signGatewayHeader } from '@tracklore/shared/gateway-trust';
import { createLogger } from '@tracklore/shared/logger';
import { graphqlRequest } from '../../e2e/support/client.ts';
import { startUser } from '../../subgraphs/user/src/app.ts';
import { loadUserConfig } from '../../subgraphs/user/src/config.ts';
import { median } from './load.ts';
import type { BenchStack } from './services.ts';

export interface ScaleRow {
  label: string;
  statements: number;
  ms: number;
}

const ENTITIES =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { profile { displayName bio } badges { badge { slug name } awardedAt } } } }';
const ENTITIES_WITH_GOALS =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { profile { displayName bio } badges { badge { slug name } awardedAt } goals { title status progress } } } }';

export async function measureEntityScale(
  stack: BenchStack,
  entityIds: number[],
  goalUsers: Array<{ id: number; accessToken: string; goals: number }>,
  repeats: number,
): Promise<ScaleRow[]> {
  let statements = 0;
  // No broker for this instance's consumer (it would only re-read the topic): it retries quietly.
  const config = loadUserConfig({ ...stack.env.user, USER_PORT: '0', KAFKA_BROKERS: '127.0.0.1:1', LOG_LEVEL: 'silent' });
  const instance = await startUser(config, { logger: createLogger('user', 'silent'), onSqlStatement: () => (statements += 1) });
  const url = `${instance.url}/graphql`;
  const rows: ScaleRow[] = [];
  async function measure(label: string, query: string, representations: Array<{ __typename: string; id: string }>, token?: string): Promise<void> {
    const times: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < repeats + 1; i += 1) {
      statements = 0;
      const t0 = performance.now();
      const result = await graphqlRequest(url, query, { r: representations }, { token, headers: { [GATEWAY_HEADER]: signGatewayHeader(stack.secrets.gateway) } });
      const ms = performance.now() - t0;
      if (result.errors) throw new Error(`${label}: ${JSON.stringify(result.errors).slice(0, 300)}`);
      if (i === 0) continue; // warm-up
      times.push(ms);
      counts.push(statements);
    }
    rows.push({ label, statements: Math.max(...counts), ms: median(times) });
  }
  try {
    for (const n of [1, 10, 100, 1000]) {
      await measure(`_entities × ${n} users`, ENTITIES, entityIds.slice(0, n).map((id) => ({ __typename: 'User', id: String(id) })));
    }
    for (const user of goalUsers) {
      await measure(`me (user part) with ${user.goals} goals`, ENTITIES_WITH_GOALS, [{ __typename: 'User', id: String(user.id) }], user.accessToken);
    }
  } finally {
    await instance.stop();
  }
  return rows;
}

/** UserCreated events per second through the consumer group: `count` events produced at once, until every reference exists. */
export async function consumerThroughput(brokers: string[], userDb: pg.Client, firstId: number, count: number): Promise<number> {
  const kafka = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const ids = Array.from({ length: count }, (_, i) => firstId + i);
    const t0 = performance.now();
    for (let i = 0; i < ids.length; i += 500) {
      const messages = ids.slice(i, i + 500).map((id) => toUserCreatedMessage(buildUserCreated({ id, email: `bench${id}@example.test`, createdAt: new Date() })));
      await producer.send({ topic: USER_CREATED_TOPIC, acks: -1, messages });
    }
    const deadline = t0 + 120_000;
    for (;;) {
      const { rows } = await userDb.query<{ n: string }>('SELECT count(*) AS n FROM auth_user_references WHERE id BETWEEN $1 AND $2', [firstId, firstId + count - 1]);
      if (Number(rows[0]?.n) >= count) break;
      if (performance.now() > deadline) throw new Error(`only ${rows[0]?.n} of ${count} references after 120 s`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return count / ((performance.now() - t0) / 1000);
  } finally {
    await producer.disconnect();
  }
}

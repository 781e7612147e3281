// Starting the user subgraph in-process for integration tests (port 0, its own database and
// consumer group) and calling its /graphql the way the router does (signed gateway header).
import { randomInt, randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import pg from 'pg';
import { testBrokers } from '@tracklore/devkit/test-kafka';
import { buildUserCreated, toUserCreatedMessage, USER_CREATED_TOPIC, type UserCreated } from '@tracklore/shared/events/user-created';
import { buildUserDeleted, toUserDeletedMessage, USER_DELETED_TOPIC, type UserDeleted } from '@tracklore/shared/events/user-deleted';
import { signGatewayHeader } from '@tracklore/shared/gateway-trust';
import { createLogger } from '@tracklore/shared/logger';
import { systemClock } from '@tracklore/shared/clock';
import { startUser, type UserOverrides, type RunningUser } from '../../src/app.ts';
import { loadUserConfig, type UserConfig } from '../../src/config.ts';
import { AUDIENCE, ISSUER, SERVICE_SECRET } from './auth-stand-in.ts';

export const GATEWAY_SECRET = 'gateway-secret-for-user-subgraph-tests-0123456789';

export function testConfig(databaseUrl: string, env: Record<string, string> = {}): UserConfig {
  return loadUserConfig({
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    NODE_ENV: 'test',
    GATEWAY_SECRET,
    KAFKA_BROKERS: testBrokers().join(','),
    KAFKA_GROUP_ID: `user-test-${randomUUID()}`,
    USER_PORT: '0',
    USER_DATABASE_URL: databaseUrl,
    AUTH_URL: 'http://127.0.0.1:9', // discard port: nothing answers unless a test sets AUTH_URL
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    INTERNAL_API_SECRET: SERVICE_SECRET,
    ...env,
  });
}

export interface GraphQLResult {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
}

export interface TestUser {
  service: RunningUser;
  graphql(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResult>;
  stop(): Promise<void>;
}

export async function startTestUser(config: UserConfig, deps: UserOverrides = {}): Promise<TestUser> {
  const service = await startUser(config, { logger: createLogger('user-test', config.logLevel), ...deps });
  return {
    service,
    async graphql(query, variables = {}, token) {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-tracklore-gateway': signGatewayHeader(GATEWAY_SECRET) };
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await fetch(`${service.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as Omit<GraphQLResult, 'status'>;
      return { status: response.status, ...body };
    },
    stop: () => service.stop(),
  };
}

/** A user id far above what other test files' events use (they count up from 1). */
export const bigUserId = (): number => randomInt(1_000_000_000, 2_000_000_000);

/** A pg client on the test database for assertions; closed by the caller. */
export async function openPg(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return client;
}

export interface TestProducer {
  producer: Producer;
  /** Produces a UserCreated for `userId` (or the given event) and returns the event. */
  userCreated(userIdOrEvent: number | UserCreated): Promise<UserCreated>;
  /** Produces a UserDeleted for `userId` (or the given event) and returns the event. */
  userDeleted(userIdOrEvent: number | UserDeleted): Promise<UserDeleted>;
  /** A raw message on auth.user-created.v1, or on `topic`. */
  raw(value: string, key?: string, topic?: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestProducer(): Promise<TestProducer> {
  const kafka = new Kafka({ clientId: `user-test-producer-${randomUUID().slice(0, 8)}`, brokers: testBrokers(), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  return {
    producer,
    async userCreated(userIdOrEvent) {
      const event = typeof userIdOrEvent === 'number' ? buildUserCreated({ id: userIdOrEvent, email: `u${userIdOrEvent}@example.test`, createdAt: systemClock.date() }) : userIdOrEvent;
      const message = toUserCreatedMessage(event);
      await producer.send({ topic: USER_CREATED_TOPIC, acks: -1, messages: [message] });
      return event;
    },
    async userDeleted(userIdOrEvent) {
      const event = typeof userIdOrEvent === 'number' ? buildUserDeleted(userIdOrEvent, systemClock.date()) : userIdOrEvent;
      await producer.send({ topic: USER_DELETED_TOPIC, acks: -1, messages: [toUserDeletedMessage(event)] });
      return event;
    },
    async raw(value, key, topic = USER_CREATED_TOPIC) {
      await producer.send({ topic, acks: -1, messages: [{ key: key ?? null, value }] });
    },
    stop: () => producer.disconnect(),
  };
}

/** Polls `probe` until it returns a truthy value, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T>, what: string, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = systemClock.now() + timeoutMs;
  let last: T | undefined;
  while (systemClock.now() < deadline) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
}

// The three services as real processes with tracing on (`--import @tracklore/shared/telemetry/start`,
// see e2e/support/service-process.ts), configured only by the OTEL_* variables in `otel`: what a
// deployment does. Fresh test databases, the test run's Kafka broker, an SMTP capture.
import { randomBytes, randomUUID } from 'node:crypto';
import { freePort } from '@tracklore/devkit/ports';
import { createSmtpCapture } from '@tracklore/devkit/smtp-capture';
import { createTestDatabase } from '@tracklore/devkit/test-databases';
import { testBrokers } from '@tracklore/devkit/test-kafka';
import { Kafka, logLevel } from 'kafkajs';
import { USER_CREATED_TOPIC } from '@tracklore/shared/events/user-created';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';

export interface TracedStack {
  routerUrl: string;
  stop(): Promise<void>;
}

export async function startTracedStack(label: string, otel: NodeJS.ProcessEnv): Promise<TracedStack> {
  const smtp = createSmtpCapture();
  await smtp.start();
  const parts: ServiceProcess[] = [];
  const stop = async () => {
    await Promise.all(parts.map((p) => p.kill()));
    await smtp.stop();
  };
  try {
    const [authDb, userDb] = await Promise.all([createTestDatabase('auth', label), createTestDatabase('user', label)]);
    const [authPort, userPort, routerPort] = [await freePort(), await freePort(), await freePort()];
    const authUrl = `http://127.0.0.1:${authPort}`;
    const secrets = { GATEWAY_SECRET: randomBytes(32).toString('base64url'), INTERNAL_API_SECRET: randomBytes(32).toString('base64url') };
    // Spans leave each process within 100 ms instead of the default 5 s.
    const common = { NODE_ENV: 'test', KAFKA_BROKERS: testBrokers().join(','), SHUTDOWN_GRACE_MS: '0', OTEL_BSP_SCHEDULE_DELAY: '100', ...secrets, ...otel };
    const groupId = `e2e-${label}-${randomUUID()}`;
    await startAtEnd(groupId);
    const started = await Promise.allSettled([
      startServiceProcess('auth', { ...common, OTEL_SERVICE_NAME: 'auth', AUTH_PORT: String(authPort), AUTH_DATABASE_URL: authDb, AUTH_ISSUER: authUrl, SMTP_URL: smtp.url }),
      startServiceProcess('user', {
        ...common, OTEL_SERVICE_NAME: 'user', USER_PORT: String(userPort), USER_DATABASE_URL: userDb, AUTH_URL: authUrl, AUTH_ISSUER: authUrl, KAFKA_GROUP_ID: groupId,
      }),
      startServiceProcess('router', {
        ...common, OTEL_SERVICE_NAME: 'router', ROUTER_PORT: String(routerPort), AUTH_SUBGRAPH_URL: `${authUrl}/graphql`, USER_SUBGRAPH_URL: `http://127.0.0.1:${userPort}/graphql`,
      }),
    ]);
    for (const result of started) if (result.status === 'fulfilled') parts.push(result.value);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    return { routerUrl: `http://127.0.0.1:${routerPort}/graphql`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The consumer group starts at the topic's end: the shared test topic holds every earlier test's
 * events, which a new group would otherwise process first (tens of seconds).
 */
async function startAtEnd(groupId: string): Promise<void> {
  const admin = new Kafka({ clientId: 'tracing-test', brokers: testBrokers(), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(USER_CREATED_TOPIC);
    await admin.setOffsets({ groupId, topic: USER_CREATED_TOPIC, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
  } finally {
    await admin.disconnect();
  }
}

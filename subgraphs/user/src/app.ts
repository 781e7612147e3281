// startUser: wires the user subgraph (database, auth client, token verification, Kafka consumer,
// Apollo subgraph, metrics) and returns a handle whose stop() closes everything in order.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { createFormatError } from '@tracklore/shared/errors';
import { requireGateway } from '@tracklore/shared/gateway-trust';
import { startHttpService, type StopOptions } from '@tracklore/shared/http/service';
import { createKafka } from '@tracklore/shared/kafka';
import { createLogger, type Logger } from '@tracklore/shared/logger';
import { graphqlMetricsPlugin } from '@tracklore/shared/metrics/graphql-plugin';
import { createMetricsRegistry } from '@tracklore/shared/metrics/registry';
import { metricsRoutes } from '@tracklore/shared/metrics/route';
import { createAccessTokenVerifier } from '@tracklore/shared/tokens/access-token';
import { createAuthClient, type AuthClientOptions } from './auth-client/auth-client.ts';
import { systemClock, type Clock } from '@tracklore/shared/clock';
import { createAuthKeys } from './auth-client/jwks.ts';
import { createViewerAuth } from './auth-client/viewer.ts';
import type { UserConfig } from './config.ts';
import { createContext, type UserContext } from './context.ts';
import { openDatabase } from './db.ts';
import { createEventConsumer, type EventConsumer } from './events/event-consumer.ts';
import { userCreatedTopic } from './events/user-created-handler.ts';
import { userDeletedTopic } from './events/user-deleted-handler.ts';
import { createUserMetrics } from './metrics.ts';
import { buildUserSchema } from './resolvers/index.ts';
import type { UserServices } from './services.ts';

export interface UserOverrides {
  logger?: Logger;
  /** Used for the auth /internal API and the JWKS. Default global fetch. */
  fetch?: typeof fetch;
  clock?: Clock;
  /** Called with every SQL statement sent to PostgreSQL (tests count them). */
  onSqlStatement?: (sql: string) => void;
  /** Retry and circuit-breaker tuning of the auth client (defaults in auth/auth-client.ts). */
  authClient?: Pick<AuthClientOptions, 'retries' | 'backoffMs' | 'deadlineMs' | 'breakerThreshold' | 'breakerOpenMs'>;
}

export interface RunningUser {
  url: string;
  port: number;
  consumer: EventConsumer;
  /** Idempotent: stop HTTP → drain → stop the consumer (commits offsets) → close the pool. */
  stop(options?: StopOptions): Promise<void>;
}

/** How long /ready waits for the consumer-lag lookup, in ms. */
const LAG_TIMEOUT_MS = 2000;

export async function startUser(config: UserConfig, overrides: UserOverrides = {}): Promise<RunningUser> {
  const logger = overrides.logger ?? createLogger('user', config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const database = openDatabase({ connectionString: config.databaseUrl, poolSize: config.databasePoolSize, onStatement: overrides.onSqlStatement });
  const auth = createAuthClient({ ...overrides.authClient, baseUrl: config.authUrl, serviceSecret: config.internalApiSecret, timeoutMs: config.authTimeoutMs, fetch: overrides.fetch, clock, logger });
  const verify = createAccessTokenVerifier({
    keys: createAuthKeys({ jwksUrl: `${config.authUrl}/.well-known/jwks.json`, fetch: overrides.fetch, clock, logger }),
    issuer: config.issuer,
    audience: config.audience,
    clock,
  });
  const services: UserServices = {
    db: database.prisma,
    auth,
    viewers: createViewerAuth({ verify, auth, cacheSeconds: config.introspectionCacheSeconds, clock }),
    clock,
    logger,
  };
  // Short client retries (~10 s in all): longer outages are ridden out by the consumer's restart
  // loop, and a stop() during a connect attempt is not followed by a minute of retry timers.
  const kafka = createKafka({ clientId: 'user-subgraph', brokers: config.kafkaBrokers, logger, retry: { initialRetryTime: 300, retries: 5, maxRetryTime: 5000 } });
  const registry = createMetricsRegistry();
  const handlers = [userCreatedTopic(database.prisma), userDeletedTopic(database.prisma)];
  // The consumer reports to the metrics and the metrics read its lag: `lag` runs only at scrape time, after both exist.
  const metrics = createUserMetrics(registry, {
    kafka,
    breakerState: () => auth.breakerState,
    topics: handlers.map(({ topic, dlqTopic, outcomes }) => ({ topic, dlqTopic, outcomes, lag: async () => ({ total: topicLag((await consumer.lag()).topics[topic]) }) })),
  });
  const consumer = createEventConsumer({ kafka, groupId: config.kafkaGroupId, handlers, logger, clock, metrics: metrics.consumer });
  const apollo = new ApolloServer<UserContext>({
    schema: buildUserSchema(),
    formatError: createFormatError(logger),
    includeStacktraceInErrorResponses: false,
    logger: logger.child({ component: 'apollo' }),
    // No cache hints in this schema: without the cache-control plugin no field resolver is wrapped
    // per request (Apollo's per-field hook was ~4 % of this subgraph's CPU under load).
    plugins: [graphqlMetricsPlugin(registry), ApolloServerPluginCacheControlDisabled()],
    // main.ts owns SIGTERM/SIGINT (ordered stop); Apollo's own handler would re-raise the signal first.
    stopOnTerminationSignals: false,
  });

  consumer.start();
  try {
    const http = await startHttpService<UserContext>({
      name: 'user',
      logger,
      host: config.host,
      port: config.port,
      graphql: { server: apollo, context: async (req) => createContext(services, req), guard: requireGateway(config.gatewaySecret, clock) },
      routes: metricsRoutes(registry, config.metricsToken),
      readiness: [
        { name: 'database', check: () => database.ping() },
        // Kafka being down delays new references but does not stop serving, so this check
        // reports the consumer's state and lag without failing readiness.
        { name: 'kafka', check: () => kafkaStatus(consumer) },
      ],
      cleanups: [() => consumer.stop(), () => metrics.close(), () => database.close()],
    });
    return { url: http.url, port: http.port, consumer, stop: http.stop };
  } catch (error) {
    await consumer.stop();
    await metrics.close();
    await database.close();
    throw error;
  }
}

async function kafkaStatus(consumer: EventConsumer): Promise<Record<string, unknown>> {
  const status = { consumer: consumer.phase, handled: { ...consumer.handled } };
  let timer: NodeJS.Timeout | undefined;
  try {
    const lag = await Promise.race([
      consumer.lag(),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${LAG_TIMEOUT_MS} ms`)), LAG_TIMEOUT_MS))),
    ]);
    return { ...status, lag: lag.total, lagByTopic: lag.topics };
  } catch (error) {
    return { ...status, lag: null, lagError: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** A topic's lag: the sum over its partitions (none reported yet counts as 0). */
function topicLag(partitions: Record<string, number> | undefined): number {
  return Object.values(partitions ?? {}).reduce((total, lag) => total + lag, 0);
}

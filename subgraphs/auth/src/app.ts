// startAuth: builds the auth subgraph from its config and starts it. Returns a handle whose
// stop() is idempotent and closes in order: HTTP (drain) → background work → mail sender (SMTP)
// → outbox relay (Kafka) → LISTEN connection → database pool.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { systemClock, type Clock } from '@tracklore/shared/clock';
import { createFormatError } from '@tracklore/shared/errors';
import { requireGateway } from '@tracklore/shared/gateway-trust';
import { startHttpService, type ReadinessCheck, type StopOptions } from '@tracklore/shared/http/service';
import { createKafka } from '@tracklore/shared/kafka';
import { createLogger, type Logger } from '@tracklore/shared/logger';
import { graphqlMetricsPlugin } from '@tracklore/shared/metrics/graphql-plugin';
import { createMetricsRegistry } from '@tracklore/shared/metrics/registry';
import { metricsRoutes } from '@tracklore/shared/metrics/route';
import { createAccessTokenVerifier } from '@tracklore/shared/tokens/access-token';
import type { AuthConfig } from './config.ts';
import { authenticationPlugin, createContext, type AuthContext } from './context.ts';
import { createDb } from './db.ts';
import { BackgroundTasks } from './domain/background.ts';
import type { AuthServices } from './domain/services.ts';
import { createArgon2Hasher, type PasswordHasher } from './domain/password-hasher.ts';
import { RateLimiter } from './domain/rate-limit.ts';
import { SessionCache } from './domain/session-cache.ts';
import { internalRoutes } from './http/internal.ts';
import { jwksRoute } from './http/jwks.ts';
import { createSmtpMailer, type Mailer } from './mail/mailer.ts';
import { scheduleMaintenance } from './maintenance.ts';
import { createAuthMetrics } from './metrics.ts';
import { createNotificationListener } from './outbox/pg-listener.ts';
import { MailSender } from './outbox/mail-sender.ts';
import { OutboxRelay } from './outbox/relay.ts';
import { MAIL_CHANNEL, mailBacklog } from './repositories/mail-outbox.ts';
import { OUTBOX_CHANNEL, outboxBacklog } from './repositories/outbox.ts';
import { rateLimitStore } from './repositories/rate-limits.ts';
import { SESSIONS_CHANNEL } from './repositories/sessions.ts';
import { SIGNING_KEYS_CHANNEL } from './repositories/signing-keys.ts';
import { buildAuthSchema } from './resolvers/index.ts';
import { createKeyCipher } from './tokens/key-encryption.ts';
import { KeyRing } from './tokens/key-ring.ts';

/** Keys are reloaded at least this often (besides NOTIFY), bounding how long a retired key signs. */
const KEY_RELOAD_MS = 60_000;

export interface RunningAuth {
  url: string;
  port: number;
  /** Idempotent; options.graceMs: keep accepting that long after /ready turns 503. */
  stop(options?: StopOptions): Promise<void>;
}

/** Replaceable parts, for tests and embedding. Everything else is built from the config. */
export interface AuthOverrides {
  logger?: Logger;
  mailer?: Mailer;
  hasher?: PasswordHasher;
  /** What everything reads and waits on, the outbox workers too (a FakeClock's sleeps end at once). Default systemClock. */
  clock?: Clock;
  /** Called with every SQL statement sent to PostgreSQL through the pool (tests count them). */
  onSqlStatement?: (sql: string) => void;
  /** Called whenever the session cache is dropped (a NOTIFY arrived; tests wait on it). */
  onSessionCacheCleared?: () => void;
}

export async function startAuth(config: AuthConfig, overrides: AuthOverrides = {}): Promise<RunningAuth> {
  const logger = overrides.logger ?? createLogger('auth', config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const undo: Array<() => Promise<void> | void> = [];
  const unwind = async () => {
    for (const step of undo.reverse()) await Promise.resolve(step()).catch((err: unknown) => logger.error({ err }, 'cleanup failed'));
  };
  try {
    const db = createDb({ url: config.databaseUrl, logger, onStatement: overrides.onSqlStatement });
    undo.push(() => db.$disconnect());
    const keys = new KeyRing(db, clock, createKeyCipher(config.signingKeyEncryptionSecret));
    const { createdKid, encrypted } = await keys.init();
    if (encrypted > 0) logger.info({ keys: encrypted }, 'encrypted private signing keys stored in clear');
    if (createdKid) logger.info({ kid: createdKid }, 'created the first signing key');

    const mailer = overrides.mailer ?? createSmtpMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, logger });
    undo.push(() => mailer.close());
    const background = new BackgroundTasks(logger);
    // Trusted only while the LISTEN connection (created below) is up: otherwise revocations on
    // other instances could go unnoticed.
    let listening = () => false;
    const sessionCache = new SessionCache({
      ttlMs: config.sessionCacheTtlMs,
      clock,
      trusted: () => listening(),
      onCleared: overrides.onSessionCacheCleared,
    });
    const services: AuthServices = {
      config,
      db,
      keys,
      logger,
      clock,
      background,
      hasher: overrides.hasher ?? (await createArgon2Hasher()),
      verifyAccessToken: createAccessTokenVerifier({ keys: keys.getKey, issuer: config.issuer, audience: config.audience, clock }),
      limiter: new RateLimiter(rateLimitStore(db), clock),
      sessionCache,
    };

    const registry = createMetricsRegistry();
    // `relayState` is read only at scrape time, once the relay (which reports to the metrics) exists.
    const metrics = createAuthMetrics(registry, { db, clock, relayState: () => relay.state() });
    const kafka = createKafka({ clientId: 'auth-subgraph', brokers: config.kafkaBrokers, logger, retry: { initialRetryTime: 300, retries: 3, maxRetryTime: 5000 } });
    const relay = new OutboxRelay({
      db,
      kafka,
      logger: logger.child({ component: 'outbox-relay' }),
      clock,
      pollIntervalMs: config.outbox.pollIntervalMs,
      batchSize: config.outbox.batchSize,
      leaseMs: config.outbox.leaseMs,
      backoff: { baseMs: config.outbox.retryMinMs, maxMs: config.outbox.retryMaxMs, jitter: true },
      metrics: metrics.relay,
    });
    undo.push(() => relay.stop());
    const mailSender = new MailSender({
      db,
      mailer,
      logger: logger.child({ component: 'mail-sender' }),
      clock,
      pollIntervalMs: config.outbox.pollIntervalMs,
      backoff: { baseMs: config.mail.retryMinMs, maxMs: config.mail.retryMaxMs, jitter: true },
      maxAttempts: config.mail.maxAttempts,
    });
    undo.push(() => mailSender.stop());
    // Background work (queueing reset mail) finishes before the mail sender stops.
    undo.push(() => background.drain());
    const reloadKeys = () => void keys.reload().catch((err: unknown) => logger.warn({ err }, 'signing key reload failed'));
    const listener = createNotificationListener({
      url: config.databaseUrl,
      channels: {
        [OUTBOX_CHANNEL]: () => relay.wake(),
        [MAIL_CHANNEL]: () => mailSender.wake(),
        [SIGNING_KEYS_CHANNEL]: reloadKeys,
        [SESSIONS_CHANNEL]: () => sessionCache.clear(),
      },
      logger: logger.child({ component: 'pg-listen' }),
      clock,
    });
    await listener.start();
    listening = () => listener.connected;
    undo.push(() => listener.stop());
    relay.start();
    mailSender.start();
    const keyTimer = setInterval(reloadKeys, KEY_RELOAD_MS);
    keyTimer.unref();
    undo.push(() => clearInterval(keyTimer));
    undo.push(scheduleMaintenance(db, config, logger, clock));

    const apollo = new ApolloServer<AuthContext>({
      schema: buildAuthSchema(),
      formatError: createFormatError(logger),
      includeStacktraceInErrorResponses: false,
      logger: logger.child({ component: 'apollo' }),
      // No cache hints in this schema: without the cache-control plugin no field resolver is wrapped per request.
      plugins: [authenticationPlugin, graphqlMetricsPlugin(registry), ApolloServerPluginCacheControlDisabled()],
      // Apollo's own handler would stop only GraphQL and then re-raise the signal, killing the
      // process before our ordered stop (stopOnSignals in main.ts) runs.
      stopOnTerminationSignals: false,
    });
    const readiness: ReadinessCheck[] = [
      { name: 'database', check: async () => void (await db.$queryRaw`SELECT 1`) },
      // Reported, never failing: sign-ups keep working while Kafka is down (events wait).
      { name: 'kafka', check: async () => ({ ...relay.state(), brokers: config.kafkaBrokers }) },
      { name: 'outbox', check: async () => ({ ...(await outboxBacklog(db, clock.date())), listening: listener.connected }) },
      // Reported, never failing: reset requests keep working while SMTP is down (mail waits).
      { name: 'mail', check: async () => ({ ...(await mailBacklog(db, clock.date())), ...mailSender.state() }) },
    ];
    const cleanups = [...undo].reverse();
    undo.length = 0;
    const http = await startHttpService<AuthContext>({
      name: 'auth',
      logger,
      host: config.host,
      port: config.port,
      graphql: { server: apollo, context: (req) => createContext(services, req), guard: requireGateway(config.gatewaySecret, clock) },
      routes: [jwksRoute(keys), ...internalRoutes(services), ...metricsRoutes(registry, config.metricsToken)],
      readiness,
      cleanups,
    }).catch(async (error: unknown) => {
      undo.push(...[...cleanups].reverse());
      throw error;
    });
    return { url: http.url, port: http.port, stop: http.stop };
  } catch (error) {
    await unwind();
    throw error;
  }
}

// User subgraph configuration: every environment variable it reads (names fixed in the team
// conventions), validated once at start; its transform yields the typed config. Every option
// states its unit; each default is written once, in the schema.
import { z } from 'zod';
import { env, loadConfig } from '@tracklore/shared/config';

export const userEnvSchema = z.object({
  /** pino level. */
  LOG_LEVEL: env.logLevel(),
  /** development, test or production. */
  NODE_ENV: env.nodeEnv(),
  /** HMAC secret the router signs subgraph requests with (≥32 chars). Required. */
  GATEWAY_SECRET: env.secret(),
  /** Kafka bootstrap brokers, comma-separated host:port. */
  KAFKA_BROKERS: env.brokers('127.0.0.1:9092'),
  /** Consumer group for auth.user-created.v1. */
  KAFKA_GROUP_ID: z.string().min(1).default('user-service'),
  /** Interface to listen on. */
  USER_HOST: z.string().min(1).default('127.0.0.1'),
  /** TCP port; 0 picks a free one. */
  USER_PORT: env.port(4002),
  /** This service's own database. */
  USER_DATABASE_URL: env.postgresUrl('postgresql://postgres@127.0.0.1:5432/tracklore_user'),
  /** Largest number of pooled database connections. */
  USER_DATABASE_POOL_SIZE: env.int(10, 1, 100),
  /** Base URL of the auth subgraph: /internal/* and /.well-known/jwks.json. */
  AUTH_URL: env.url('http://127.0.0.1:4001'),
  /** Expected access-token `iss`. */
  AUTH_ISSUER: z.string().min(1).default('http://127.0.0.1:4001'),
  /** Expected access-token `aud`. */
  AUTH_AUDIENCE: z.string().min(1).default('tracklore'),
  /** Shared secret for the auth subgraph's /internal API (≥32 chars). Required. */
  INTERNAL_API_SECRET: env.secret(),
  /** Per-attempt timeout of an /internal call, in ms. */
  AUTH_TIMEOUT_MS: env.int(1000, 50, 60_000),
  /**
   * How long an introspection answer is reused for writes, in seconds. 0: every write asks
   * auth, so a logged-out or revoked session cannot write at once; N > 0 lets it write for up to N s.
   */
  INTROSPECTION_CACHE_SECONDS: env.int(0, 0, 300),
  /** After SIGTERM, ms the listener keeps accepting while /ready answers 503. */
  SHUTDOWN_GRACE_MS: env.shutdownGraceMs(),
  /** Bearer token of GET /metrics (≥ 32 chars); unset: no /metrics. */
  METRICS_TOKEN: env.metricsToken(),
});

/** The typed config the code uses. */
export const userConfigSchema = userEnvSchema.transform((e) => ({
  logLevel: e.LOG_LEVEL,
  nodeEnv: e.NODE_ENV,
  gatewaySecret: e.GATEWAY_SECRET,
  kafkaBrokers: e.KAFKA_BROKERS,
  kafkaGroupId: e.KAFKA_GROUP_ID,
  host: e.USER_HOST,
  port: e.USER_PORT,
  databaseUrl: e.USER_DATABASE_URL,
  databasePoolSize: e.USER_DATABASE_POOL_SIZE,
  /** Without a trailing slash. */
  authUrl: e.AUTH_URL.replace(/\/+$/, ''),
  issuer: e.AUTH_ISSUER,
  audience: e.AUTH_AUDIENCE,
  internalApiSecret: e.INTERNAL_API_SECRET,
  authTimeoutMs: e.AUTH_TIMEOUT_MS,
  introspectionCacheSeconds: e.INTROSPECTION_CACHE_SECONDS,
  shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
  metricsToken: e.METRICS_TOKEN,
}));

export type UserConfig = z.output<typeof userConfigSchema>;

/** Reads and validates the environment; throws ConfigError naming each bad variable. */
export function loadUserConfig(source: NodeJS.ProcessEnv = process.env): UserConfig {
  return loadConfig(userConfigSchema, source);
}

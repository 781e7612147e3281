// Router configuration: every environment variable it reads (names fixed in the team conventions;
// the router's own are ROUTER_*), validated once at start; its transform yields the typed config.
// Every option states its unit; each default is written once, in the schema or the transform.
import { z } from 'zod';
import { env, loadConfig } from '@tracklore/shared/config';
import { absolutePath, DEFAULT_SUPERGRAPH_CONFIG, DEFAULT_SUPERGRAPH_PATH } from './paths.ts';

/** Like env.bool, but unset stays undefined so the default can depend on NODE_ENV. */
const optionalBool = () =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1' || v === 'yes'));
/** The web app's dev server (Vite, `npm start`) on both names a browser may use for it. */
const devFrontendOrigins = (port: number) => `http://127.0.0.1:${port},http://localhost:${port}`;

export const routerEnvSchema = z.object({
  /** pino level. */
  LOG_LEVEL: env.logLevel(),
  /** development, test or production; picks the defaults of the switches below marked "not in production". */
  NODE_ENV: env.nodeEnv(),
  /** HMAC secret for the x-tracklore-gateway header the subgraphs check (≥32 chars). Required. */
  GATEWAY_SECRET: env.secret(),
  /** Interface to listen on. */
  ROUTER_HOST: z.string().min(1).default('127.0.0.1'),
  /** TCP port; 0 picks a free one. */
  ROUTER_PORT: env.port(4000),
  /** The composed supergraph the router serves. */
  SUPERGRAPH_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH_PATH).transform(absolutePath),
  /** supergraph.yaml, used when watching subgraph schemas. */
  SUPERGRAPH_CONFIG_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH_CONFIG).transform(absolutePath),
  /** Recompose when a subgraph schema file changes. */
  ROUTER_WATCH_SCHEMAS: optionalBool(),
  /** Overrides the auth subgraph's routing_url. Default: supergraph.yaml's. */
  AUTH_SUBGRAPH_URL: z.url().optional(),
  /** Overrides the user subgraph's routing_url. Default: supergraph.yaml's. */
  USER_SUBGRAPH_URL: z.url().optional(),
  /** Deepest field nesting an operation may have (`{ me { id } }` is 2). */
  ROUTER_MAX_DEPTH: env.int(12, 1, 1000),
  /** Most field selections in an operation, fragments expanded. */
  ROUTER_MAX_FIELDS: env.int(250, 1, 1_000_000),
  /** Most aliased fields in an operation, fragments expanded. */
  ROUTER_MAX_ALIASES: env.int(30, 0, 1_000_000),
  /** Largest request body, in bytes. */
  ROUTER_MAX_BODY_BYTES: env.int(256 * 1024, 1024, 64 * 1024 * 1024),
  /** Most operations in one batched HTTP request; 0 turns batching off. */
  ROUTER_MAX_BATCH_SIZE: env.int(10, 0, 1000),
  /** Per subgraph request, in ms. */
  ROUTER_SUBGRAPH_TIMEOUT_MS: env.int(10_000, 100, 300_000),
  /** Most open connections per subgraph (kept alive between requests). */
  ROUTER_SUBGRAPH_MAX_SOCKETS: env.int(64, 1, 10_000),
  /** Proxies in front of the router whose x-forwarded-for entries are trusted. */
  ROUTER_TRUSTED_PROXY_HOPS: env.int(0, 0, 10),
  /** Introspection queries allowed. */
  ROUTER_INTROSPECTION: optionalBool(),
  /** Apollo Sandbox landing page on GET /graphql. */
  ROUTER_SANDBOX: optionalBool(),
  /** Browser origins allowed by CORS, comma-separated, or *. */
  ROUTER_CORS_ORIGINS: z.string().optional(),
  /** Port of the web app's dev server; only the development default of ROUTER_CORS_ORIGINS uses it. */
  FRONTEND_PORT: env.port(5173),
  /** Let @apollo/gateway send its anonymous usage metrics to Apollo (it also probes cloud metadata endpoints). */
  ROUTER_APOLLO_TELEMETRY: env.bool(false),
  /** /ready answers 503 while a subgraph's /health does not answer. */
  ROUTER_READY_REQUIRES_SUBGRAPHS: env.bool(true),
  /** Timeout of each /ready probe of a subgraph, in ms. */
  ROUTER_READY_TIMEOUT_MS: env.int(2000, 50, 60_000),
  /** After SIGTERM, ms the listener keeps accepting while /ready answers 503. */
  SHUTDOWN_GRACE_MS: env.shutdownGraceMs(),
  /** Bearer token of GET /metrics (≥ 32 chars); unset: no /metrics. */
  METRICS_TOKEN: env.metricsToken(),
});

/** The typed config the code uses: resolves the environment-dependent defaults and groups the options. */
export const routerConfigSchema = routerEnvSchema.transform((e) => {
  const production = e.NODE_ENV === 'production';
  const development = e.NODE_ENV === 'development';
  const subgraphUrls: Record<string, string> = {};
  if (e.AUTH_SUBGRAPH_URL) subgraphUrls.auth = e.AUTH_SUBGRAPH_URL;
  if (e.USER_SUBGRAPH_URL) subgraphUrls.user = e.USER_SUBGRAPH_URL;
  return {
    logLevel: e.LOG_LEVEL,
    nodeEnv: e.NODE_ENV,
    gatewaySecret: e.GATEWAY_SECRET,
    host: e.ROUTER_HOST,
    port: e.ROUTER_PORT,
    supergraphPath: e.SUPERGRAPH_PATH,
    supergraphConfigPath: e.SUPERGRAPH_CONFIG_PATH,
    watchSchemas: e.ROUTER_WATCH_SCHEMAS ?? development,
    subgraphUrls,
    limits: {
      maxDepth: e.ROUTER_MAX_DEPTH,
      maxFields: e.ROUTER_MAX_FIELDS,
      maxAliases: e.ROUTER_MAX_ALIASES,
      maxBodyBytes: e.ROUTER_MAX_BODY_BYTES,
      maxBatchSize: e.ROUTER_MAX_BATCH_SIZE,
    },
    subgraphTimeoutMs: e.ROUTER_SUBGRAPH_TIMEOUT_MS,
    subgraphMaxSockets: e.ROUTER_SUBGRAPH_MAX_SOCKETS,
    trustedProxyHops: e.ROUTER_TRUSTED_PROXY_HOPS,
    introspection: e.ROUTER_INTROSPECTION ?? !production,
    sandbox: e.ROUTER_SANDBOX ?? !production,
    corsOrigins: (e.ROUTER_CORS_ORIGINS ?? (development ? devFrontendOrigins(e.FRONTEND_PORT) : ''))
      .split(',')
      .map((o) => o.trim().replace(/\/$/, ''))
      .filter(Boolean),
    readyRequiresSubgraphs: e.ROUTER_READY_REQUIRES_SUBGRAPHS,
    readyTimeoutMs: e.ROUTER_READY_TIMEOUT_MS,
    apolloTelemetry: e.ROUTER_APOLLO_TELEMETRY,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    metricsToken: e.METRICS_TOKEN,
  };
});

export type RouterConfig = z.output<typeof routerConfigSchema>;

/** Reads and validates the environment; throws ConfigError naming each bad variable. */
export function loadRouterConfig(source: NodeJS.ProcessEnv = process.env): RouterConfig {
  return loadConfig(routerConfigSchema, source);
}

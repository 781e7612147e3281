// Router configuration: read once at start from the environment (names fixed in the team
// conventions; the router's own are ROUTER_*). Every option states its unit and default.
import { z } from 'zod';
import { env, loadConfig } from '@tracklore/shared/config';
import { absolutePath, DEFAULT_SUPERGRAPH_CONFIG, DEFAULT_SUPERGRAPH_PATH } from './paths.ts';

/** Like env.bool, but unset stays undefined so the default can depend on NODE_ENV. */
const optionalBool = () =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1' || v === 'yes'));
const DEV_FRONTEND_ORIGINS = 'http://127.0.0.1:5173,http://localhost:5173';

export const routerConfigSchema = z.object({
  /** pino level. Default info. */
  LOG_LEVEL: env.logLevel(),
  /** Default development. Picks the defaults of the switches below marked "not in production". */
  NODE_ENV: env.nodeEnv(),
  /** HMAC secret for the x-tracklore-gateway header the subgraphs check (≥32 chars). Required. */
  GATEWAY_SECRET: env.secret(),
  /** Interface to listen on. Default 127.0.0.1. */
  ROUTER_HOST: z.string().min(1).default('127.0.0.1'),
  /** TCP port; 0 picks a free one. Default 4000. */
  ROUTER_PORT: env.port(4000),
  /** The composed supergraph the router serves. Default <repo>/supergraph.graphql. */
  SUPERGRAPH_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH_PATH).transform(absolutePath),
  /** supergraph.yaml, used when watching subgraph schemas. Default <repo>/supergraph.yaml. */
  SUPERGRAPH_CONFIG_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH_CONFIG).transform(absolutePath),
  /** Recompose when a subgraph schema file changes. Default true in development only. */
  ROUTER_WATCH_SCHEMAS: optionalBool(),
  /** Overrides the auth subgraph's routing_url. Default: supergraph.yaml's. */
  AUTH_SUBGRAPH_URL: z.url().optional(),
  /** Overrides the user subgraph's routing_url. Default: supergraph.yaml's. */
  USER_SUBGRAPH_URL: z.url().optional(),
  /** Deepest field nesting an operation may have (`{ me { id } }` is 2). Default 12. */
  ROUTER_MAX_DEPTH: env.int(12, 1, 1000),
  /** Most field selections in an operation, fragments expanded. Default 250. */
  ROUTER_MAX_FIELDS: env.int(250, 1, 1_000_000),
  /** Most aliased fields in an operation, fragments expanded. Default 30. */
  ROUTER_MAX_ALIASES: env.int(30, 0, 1_000_000),
  /** Largest request body, in bytes. Default 262144 (256 KiB). */
  ROUTER_MAX_BODY_BYTES: env.int(256 * 1024, 1024, 64 * 1024 * 1024),
  /** Most operations in one batched HTTP request; 0 turns batching off. Default 10. */
  ROUTER_MAX_BATCH_SIZE: env.int(10, 0, 1000),
  /** Per subgraph request, in ms. Default 10000. */
  ROUTER_SUBGRAPH_TIMEOUT_MS: env.int(10_000, 100, 300_000),
  /** Most open connections per subgraph (kept alive between requests). Default 64. */
  ROUTER_SUBGRAPH_MAX_SOCKETS: env.int(64, 1, 10_000),
  /** Proxies in front of the router whose x-forwarded-for entries are trusted. Default 0. */
  ROUTER_TRUSTED_PROXY_HOPS: env.int(0, 0, 10),
  /** Introspection queries allowed. Default true, not in production. */
  ROUTER_INTROSPECTION: optionalBool(),
  /** Apollo Sandbox landing page on GET /graphql. Default true, not in production. */
  ROUTER_SANDBOX: optionalBool(),
  /** Browser origins allowed by CORS, comma-separated, or *. Default the Vite dev server's in development, none otherwise. */
  ROUTER_CORS_ORIGINS: z.string().optional(),
  /** Let @apollo/gateway send its anonymous usage metrics to Apollo (it also probes cloud metadata endpoints). Default false. */
  ROUTER_APOLLO_TELEMETRY: env.bool(false),
  /** /ready answers 503 while a subgraph's /health does not answer. Default true. */
  ROUTER_READY_REQUIRES_SUBGRAPHS: env.bool(true),
  /** Timeout of each /ready probe of a subgraph, in ms. Default 2000. */
  ROUTER_READY_TIMEOUT_MS: env.int(2000, 50, 60_000),
});

type RawRouterConfig = z.infer<typeof routerConfigSchema>;

/** The parsed configuration with environment-dependent defaults resolved. */
export type RouterConfig = Omit<RawRouterConfig, 'ROUTER_WATCH_SCHEMAS' | 'ROUTER_INTROSPECTION' | 'ROUTER_SANDBOX' | 'ROUTER_CORS_ORIGINS'> & {
  ROUTER_WATCH_SCHEMAS: boolean;
  ROUTER_INTROSPECTION: boolean;
  ROUTER_SANDBOX: boolean;
  /** Empty: no cross-origin browser access; ['*']: any origin. */
  ROUTER_CORS_ORIGINS: string[];
};

/** Validates `source` (default process.env); throws ConfigError naming each bad variable. */
export function loadRouterConfig(source: NodeJS.ProcessEnv = process.env): RouterConfig {
  const raw = loadConfig(routerConfigSchema, source);
  const production = raw.NODE_ENV === 'production';
  const development = raw.NODE_ENV === 'development';
  const origins = raw.ROUTER_CORS_ORIGINS ?? (development ? DEV_FRONTEND_ORIGINS : '');
  return {
    ...raw,
    ROUTER_WATCH_SCHEMAS: raw.ROUTER_WATCH_SCHEMAS ?? development,
    ROUTER_INTROSPECTION: raw.ROUTER_INTROSPECTION ?? !production,
    ROUTER_SANDBOX: raw.ROUTER_SANDBOX ?? !production,
    ROUTER_CORS_ORIGINS: origins.split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean),
  };
}

/** routing_url overrides by subgraph name. */
export function subgraphUrlOverrides(config: RouterConfig): Record<string, string> {
  const overrides: Record<string, string> = {};
  if (config.AUTH_SUBGRAPH_URL) overrides.auth = config.AUTH_SUBGRAPH_URL;
  if (config.USER_SUBGRAPH_URL) overrides.user = config.USER_SUBGRAPH_URL;
  return overrides;
}

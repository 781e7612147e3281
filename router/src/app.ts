// The router: Apollo Gateway inside Apollo Server on the shared HTTP edge. No business logic:
// it serves the composed supergraph, signs and forwards requests to the subgraphs, enforces the
// request limits and reports readiness. `startRouter` is what main.ts, tests and the e2e harness use.
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { Fetcher } from '@apollo/utils.fetcher';
import { systemClock, type Clock } from '@tracklore/shared/clock';
import { createFormatError } from '@tracklore/shared/errors';
import { startHttpService, type HttpService, type StopOptions } from '@tracklore/shared/http/service';
import { createLogger, type Logger } from '@tracklore/shared/logger';
import { graphqlMetricsPlugin } from '@tracklore/shared/metrics/graphql-plugin';
import { createMetricsRegistry } from '@tracklore/shared/metrics/registry';
import { metricsRoutes } from '@tracklore/shared/metrics/route';
import { handleCors } from './cors.ts';
import type { RouterConfig } from './config.ts';
import { createSubgraphFetcher, type SubgraphFetcher } from './gateway/fetcher.ts';
import { knownOperationTypes, useOperationResolution } from './gateway/operation-resolution.ts';
import { REQUEST_ID_HEADER, requestIdFrom, routerContextFrom, type RouterContext } from './gateway/request-context.ts';
import { SubgraphDataSource } from './gateway/subgraph-data-source.ts';
import { BatchLimitedApolloServer } from './limits/batch-limit.ts';
import { useOperationLimits } from './limits/limits-plugin.ts';
import { createRouterMetrics } from './metrics.ts';
import { routerReadiness } from './readiness.ts';
import { createSupergraphSource } from './supergraph/supergraph-source.ts';

export interface RouterOverrides {
  logger?: Logger;
  /** HTTP client for subgraph requests. Default: a keep-alive pool per protocol. */
  fetcher?: Fetcher;
  /** Poll interval of the schema watch, in ms. Default 500. */
  watchIntervalMs?: number;
  clock?: Clock;
}

export interface RunningRouter {
  /** http://host:port */
  url: string;
  /** http://host:port/graphql */
  graphqlUrl: string;
  port: number;
  /** Subgraphs being served, with the URLs the router sends to (after overrides). */
  subgraphs(): Array<{ name: string; url: string }>;
  /** 1 after start, +1 each time a watched schema change was recomposed and applied. */
  supergraphVersion(): number;
  /** Idempotent: stops taking requests (after options.graceMs), drains, stops the gateway, closes subgraph connections. */
  stop(options?: StopOptions): Promise<void>;
}

export async function startRouter(config: RouterConfig, options: RouterOverrides = {}): Promise<RunningRouter> {
  const logger = options.logger ?? createLogger('router', config.logLevel);
  const clock = options.clock ?? systemClock;
  const overrides = config.subgraphUrls;
  let pool: SubgraphFetcher | undefined;
  let fetcher = options.fetcher;
  if (!fetcher) {
    pool = createSubgraphFetcher({ timeoutMs: config.subgraphTimeoutMs, maxSockets: config.subgraphMaxSockets, logger: logger.child({ component: 'subgraph-fetcher' }), clock });
    fetcher = pool.fetcher;
  }
  const subgraphFetcher = fetcher;
  const registry = createMetricsRegistry();
  const metrics = createRouterMetrics(registry);

  const source = createSupergraphSource({
    supergraphPath: config.supergraphPath,
    watch: config.watchSchemas ? { configPath: config.supergraphConfigPath, intervalMs: options.watchIntervalMs } : undefined,
    logger,
  });
  // @apollo/gateway reads this switch when constructed; without it, it reports to Apollo and probes
  // cloud metadata endpoints, which a router on a private network (or a CI machine) should not do.
  if (!config.apolloTelemetry) process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const routedSubgraphs = () => source.subgraphs().map((s) => ({ name: s.name, url: overrides[s.name] ?? s.url }));
  const gateway = new ApolloGateway({
    supergraphSdl: source,
    // The router must start from the committed supergraph even while a subgraph is down.
    serviceHealthCheck: false,
    logger: logger.child({ component: 'gateway' }),
    buildService: ({ name, url }) =>
      new SubgraphDataSource({ name, url: overrides[name] ?? url ?? '', gatewaySecret: config.gatewaySecret, fetcher: subgraphFetcher, logger: logger.child({ component: 'subgraph' }), clock, metrics: metrics.subgraphFetch }),
  });
  if (config.sandbox && !config.introspection) logger.warn('ROUTER_SANDBOX is on but ROUTER_INTROSPECTION is off: Sandbox cannot load the schema');

  const server = new BatchLimitedApolloServer<RouterContext>({
    gateway,
    maxBatchSize: config.limits.maxBatchSize,
    // main.ts stops everything in order on SIGTERM/SIGINT; Apollo Server's own handler would
    // re-raise the signal and kill the process before the drain finishes.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: !config.introspection,
    includeStacktraceInErrorResponses: false,
    maxRecursiveSelections: true,
    validationRules: [knownOperationTypes],
    logger: logger.child({ component: 'apollo' }),
    formatError: createFormatError(logger),
    plugins: [
      useOperationResolution(),
      graphqlMetricsPlugin(registry),
      useOperationLimits(config.limits),
      // The subgraphs give no cache hints, so there is no policy to compute or Cache-Control to send.
      ApolloServerPluginCacheControlDisabled(),
      config.sandbox ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }) : ApolloServerPluginLandingPageDisabled(),
    ],
  });

  let service: HttpService;
  try {
    service = await startHttpService<RouterContext>({
      name: 'router',
      logger,
      host: config.host,
      port: config.port,
      maxBodyBytes: config.limits.maxBodyBytes,
      onRequest(req, res) {
        // Every response carries the request id, including errors raised before GraphQL runs.
        const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
        req.headers[REQUEST_ID_HEADER] = requestId;
        res.setHeader(REQUEST_ID_HEADER, requestId);
        return handleCors(req, res, config.corsOrigins);
      },
      graphql: { server, context: async (req) => routerContextFrom(req, config.trustedProxyHops) },
      routes: [
        {
          method: 'GET',
          path: '/',
          async handle(_req, res) {
            res.writeHead(302, { location: '/graphql' }).end();
          },
        },
        ...metricsRoutes(registry, config.metricsToken),
      ],
      readiness: routerReadiness({
        subgraphs: routedSubgraphs,
        loaded: () => source.version() > 0,
        requireSubgraphs: config.readyRequiresSubgraphs,
        timeoutMs: config.readyTimeoutMs,
      }),
      cleanups: [() => pool?.close()],
    });
  } catch (error) {
    pool?.close();
    await server.stop().catch(() => {});
    throw error;
  }
  logger.info({ subgraphs: routedSubgraphs(), introspection: config.introspection, sandbox: config.sandbox, watch: config.watchSchemas }, 'router serving the supergraph');
  return {
    url: service.url,
    graphqlUrl: `${service.url}/graphql`,
    port: service.port,
    subgraphs: routedSubgraphs,
    supergraphVersion: () => source.version(),
    stop: service.stop,
  };
}

// The HTTP edge every service shares: a plain node:http server with /health (live), /ready
// (dependencies up), optional Apollo Server at /graphql, a few extra routes, and a graceful
// stop (shutdown.ts) that finishes in-flight requests before running cleanups in order.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants } from 'node:os';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Logger } from '../logger.ts';
import { HttpError, readJsonBody } from './body.ts';
import { createConnectionDrain } from './shutdown.ts';
import { flushTraces } from '../telemetry/flush.ts';

export interface ReadinessCheck {
  name: string;
  /** Resolves with optional details when the dependency is usable; throws when it is not. */
  check(): Promise<unknown>;
}

export interface Route {
  method: 'GET' | 'POST';
  /** The exact path, or with `prefix` every path that starts with it. */
  path: string;
  prefix?: boolean;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}

export interface GraphQLMount<C extends BaseContext> {
  server: ApolloServer<C>;
  /** Default '/graphql'. */
  path?: string;
  context(req: IncomingMessage): Promise<C>;
  /**
   * Runs before the GraphQL request is executed; a returned HttpError is sent instead.
   * Subgraphs use it to accept only requests signed by the router (see gateway-trust.ts).
   */
  guard?(req: IncomingMessage): HttpError | undefined;
}

export interface HttpServiceOptions<C extends BaseContext> {
  name: string;
  logger: Logger;
  /** Default '127.0.0.1'. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  graphql?: GraphQLMount<C>;
  routes?: Route[];
  readiness?: ReadinessCheck[];
  /** Largest accepted request body in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Runs first for every request, before routing: may set response headers (request id, CORS) or
   * answer the request itself and return true (e.g. a CORS preflight), and then nothing else runs.
   */
  onRequest?(req: IncomingMessage, res: ServerResponse): boolean | void;
  /** Run in order on stop, after the server has stopped taking requests and drained. */
  cleanups?: Array<() => Promise<void> | void>;
  /** How long stop() waits for in-flight requests once the listener is closed, in ms. Default 10000. */
  drainTimeoutMs?: number;
}

export interface StopOptions {
  /**
   * After /ready turns 503, keep accepting requests for this long (ms) before closing the
   * listener, so load balancers stop routing here first. Default 0 (tests, embedding);
   * stopOnSignals passes SHUTDOWN_GRACE_MS on SIGTERM.
   */
  graceMs?: number;
}

export interface HttpService {
  server: Server;
  port: number;
  url: string;
  /** Idempotent: the second call returns the first call's promise (its options are ignored). */
  stop(options?: StopOptions): Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function runReadiness(checks: ReadinessCheck[]): Promise<{ ok: boolean; checks: Record<string, unknown> }> {
  const results = await Promise.all(
    checks.map(async (c) => {
      try {
        const details = await c.check();
        return [c.name, { ok: true, ...(details && typeof details === 'object' ? details : {}) }] as const;
      } catch (error) {
        return [c.name, { ok: false, error: (error as Error).message }] as const;
      }
    }),
  );
  return { ok: results.every(([, r]) => r.ok), checks: Object.fromEntries(results) };
}

function matches(route: Route, method: string, pathname: string): boolean {
  if (route.method !== method) return false;
  return route.prefix ? pathname.startsWith(route.path) : pathname === route.path;
}

export async function startHttpService<C extends BaseContext>(options: HttpServiceOptions<C>): Promise<HttpService> {
  const { logger, graphql } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const graphqlPath = graphql?.path ?? '/graphql';

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, url: URL, mount: GraphQLMount<C>): Promise<void> {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const refused = mount.guard?.(req);
    if (refused) throw refused;
    const body = req.method === 'POST' ? await readJsonBody(req, maxBodyBytes) : undefined;
    const response = await mount.server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => mount.context(req),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      throw new HttpError(400, 'the request target is not a valid URL');
    }
    const method = req.method ?? 'GET';
    drain.track(req, res);
    if (options.onRequest?.(req, res)) return;
    if (url.pathname === '/health' && method === 'GET') return sendJson(res, 200, { status: 'ok', service: options.name });
    if (url.pathname === '/ready' && method === 'GET') {
      if (drain.stopping) return sendJson(res, 503, { status: 'stopping', service: options.name });
      const result = await runReadiness(options.readiness ?? []);
      return sendJson(res, result.ok ? 200 : 503, { status: result.ok ? 'ready' : 'not ready', service: options.name, checks: result.checks });
    }
    if (graphql && url.pathname === graphqlPath) return handleGraphQL(req, res, url, graphql);
    const route = options.routes?.find((r) => matches(r, method, url.pathname));
    if (route) return route.handle(req, res, url);
    sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `no route for ${method} ${url.pathname}` } });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) {
        if (!res.headersSent) sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: error.code } }] });
        else res.end();
        return;
      }
      logger.error({ err: error, url: req.url }, 'unhandled error in HTTP handler');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  const drain = createConnectionDrain(server, logger);

  if (graphql) await graphql.server.start();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  logger.info({ url, graphql: graphql ? `${url}${graphqlPath}` : undefined }, `${options.name} listening`);

  let stopped: Promise<void> | undefined;
  const stop = (stopOptions: StopOptions = {}): Promise<void> => {
    stopped ??= (async () => {
      const { forcedConnections } = await drain.drain({ graceMs: stopOptions.graceMs ?? 0, drainTimeoutMs: options.drainTimeoutMs ?? 10_000 });
      if (graphql) await graphql.server.stop();
      for (const cleanup of options.cleanups ?? []) {
        try {
          await cleanup();
        } catch (error) {
          logger.error({ err: error }, 'cleanup failed during stop');
        }
      }
      logger.info({ forcedConnections }, 'stopped');
    })();
    return stopped;
  };
  return { server, port, url, stop };
}

export interface SignalOptions {
  /** SHUTDOWN_GRACE_MS: how long the listener keeps accepting after SIGTERM, in ms. */
  graceMs: number;
}

/**
 * Stops on SIGTERM (after the grace period: what an orchestrator sends) or SIGINT (Ctrl-C at a
 * terminal: no load balancer to wait for, so no grace), then exits 0. Either way in-flight
 * requests finish and the cleanups run. A second signal of any kind exits at once with 128 + its
 * number, as a shell reports a process killed by it.
 */
export function stopOnSignals(stop: (options?: StopOptions) => Promise<void>, logger: Logger, options: SignalOptions): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      logger.warn({ signal }, 'second signal: exiting without finishing the shutdown');
      process.exit(128 + constants.signals[signal]);
    }
    signalled = true;
    const graceMs = signal === 'SIGTERM' ? options.graceMs : 0;
    logger.info({ signal, graceMs }, 'shutdown requested');
    // The last requests' spans go out before the process ends (a no-op without tracing).
    stop({ graceMs }).then(() => flushTraces()).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // process.on, not once: with once, a second SIGTERM would find no handler and kill the process
  // by the default action in the middle of the drain.
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

// The HTTP client for subgraph requests: keep-alive connection pools (one per protocol), a total
// timeout per request and a cap on the response size. Stopping the router destroys the pools.
// A request that may be repeated (`retryOnReset`, set by SubgraphDataSource for queries) is sent once more, on a new connection,
// when the pooled connection it went out on was reset before any byte of an answer came back:
// the subgraph closed that idle connection (a restart, its keep-alive timeout) while the request
// was on its way, so the subgraph never read it.
import http from 'node:http';
import https from 'node:https';
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { systemClock, type Clock } from '@tracklore/shared/clock';
import type { Logger } from '@tracklore/shared/logger';
import { BufferedResponse } from './buffered-response.ts';

export interface SubgraphFetcherOptions {
  /** Whole request, connect to last byte, in ms. */
  timeoutMs: number;
  /** Open connections per subgraph host. Default 64. */
  maxSockets?: number;
  /** Largest accepted response body, in bytes. Default 32 MiB. */
  maxResponseBytes?: number;
  /** Where each retry is logged. */
  logger?: Logger;
  /** Measures what is left of the timeout for a retry. Default systemClock. */
  clock?: Clock;
}

export interface SubgraphFetcher {
  fetcher: Fetcher;
  /** Connections opened so far, all hosts (for tests and diagnostics). */
  socketsOpened(): number;
  /** Requests sent again after their reused connection was reset (for tests and diagnostics). */
  retries(): number;
  /** Closes every pooled connection. Idempotent. */
  close(): void;
}

export class SubgraphFetchError extends Error {
  override readonly name = 'SubgraphFetchError';
}

/** The connection was taken from the pool and reset before the answer began: the request was not read. */
class StaleConnectionError extends Error {
  constructor(readonly original: Error) {
    super(original.message, { cause: original });
  }
}

// ECONNRESET covers Node's "socket hang up" too; EPIPE is a write to a connection already closed.
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/**
 * A Fetcher's init, plus whether the request is safe to send twice (a query; never a mutation).
 * Passed along explicitly: an AsyncLocalStorage here turned on Node 20's promise hooks for
 * every promise of the router (~2 % of its CPU). Other fetchers ignore the flag.
 */
export interface SubgraphRequestInit extends FetcherRequestInit {
  retryOnReset?: boolean;
}

export function createSubgraphFetcher(options: SubgraphFetcherOptions): SubgraphFetcher {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64, scheduling: 'lifo' as const };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  const maxResponseBytes = options.maxResponseBytes ?? 32 * 1024 * 1024;
  const clock = options.clock ?? systemClock;
  // Counting distinct sockets proves connection reuse in tests; the pool itself is Node's.
  const seen = new WeakSet<object>();
  let opened = 0;
  let retries = 0;

  /** One request. `pooled: false` sends it on a connection of its own, closed after the answer. */
  const send = (url: string, target: URL, init: FetcherRequestInit, pooled: boolean, timeoutMs: number) =>
    new Promise<FetcherResponse>((resolve, reject) => {
      const secure = target.protocol === 'https:';
      const agent = pooled ? (secure ? agents.https : agents.http) : false;
      const request = (secure ? https : http).request(target, { method: init.method ?? 'GET', headers: init.headers, agent });
      request.once('socket', (socket) => {
        if (seen.has(socket)) return;
        seen.add(socket);
        opened += 1;
      });
      let answered = false;
      const timer = setTimeout(() => request.destroy(new SubgraphFetchError(`no complete answer from ${target.origin} within ${options.timeoutMs} ms`)), timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        const code = (error as NodeJS.ErrnoException).code;
        reject(!answered && request.reusedSocket && code && RESET_CODES.has(code) ? new StaleConnectionError(error) : error);
      };
      request.once('error', fail);
      request.once('response', (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxResponseBytes) request.destroy(new SubgraphFetchError(`response from ${target.origin} exceeds ${maxResponseBytes} bytes`));
          else chunks.push(chunk);
        });
        res.once('error', fail);
        res.once('end', () => {
          clearTimeout(timer);
          resolve(new BufferedResponse(url, res.statusCode ?? 502, res.statusMessage ?? '', res.headers, Buffer.concat(chunks)));
        });
      });
      request.end(init.body);
    });

  // The router calls a handful of subgraph URLs: each is parsed once, not per request.
  const targets = new Map<string, URL>();
  const fetcher: Fetcher = async (url: string, init: SubgraphRequestInit = {}) => {
    let target = targets.get(url);
    if (!target) {
      target = new URL(url);
      if (targets.size < 64) targets.set(url, target);
    }
    if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new SubgraphFetchError(`unsupported protocol in ${url}`);
    const deadline = clock.now() + options.timeoutMs;
    try {
      return await send(url, target, init, true, options.timeoutMs);
    } catch (error) {
      if (!(error instanceof StaleConnectionError)) throw error;
      if (init.retryOnReset !== true) throw error.original;
      retries += 1;
      options.logger?.warn({ subgraph: target.origin, code: (error.original as NodeJS.ErrnoException).code, retries }, 'reused subgraph connection was reset before an answer: sending the query again on a new connection');
      // A new connection: the other pooled ones may be as stale as this one.
      return send(url, target, init, false, Math.max(deadline - clock.now(), 1));
    }
  };

  return {
    fetcher,
    socketsOpened: () => opened,
    retries: () => retries,
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

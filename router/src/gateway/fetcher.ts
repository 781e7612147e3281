// The HTTP client for subgraph requests: keep-alive connection pools (one per protocol), a total
// timeout per request and a cap on the response size. Stopping the router destroys the pools.
import http from 'node:http';
import https from 'node:https';
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';

export interface SubgraphFetcherOptions {
  /** Whole request, connect to last byte, in ms. */
  timeoutMs: number;
  /** Open connections per subgraph host. Default 64. */
  maxSockets?: number;
  /** Largest accepted response body, in bytes. Default 32 MiB. */
  maxResponseBytes?: number;
}

export interface SubgraphFetcher {
  fetcher: Fetcher;
  /** Connections opened so far, all hosts (for tests and diagnostics). */
  socketsOpened(): number;
  /** Closes every pooled connection. Idempotent. */
  close(): void;
}

export class SubgraphFetchError extends Error {
  override readonly name = 'SubgraphFetchError';
}

function toHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

function toResponse(url: string, res: http.IncomingMessage, body: Buffer): FetcherResponse {
  const status = res.statusCode ?? 502;
  const noBody = status === 204 || status === 304 || body.length === 0;
  const response = new Response(noBody ? null : body, { status, statusText: res.statusMessage ?? '', headers: toHeaders(res.headers) });
  Object.defineProperty(response, 'url', { value: url });
  return response as unknown as FetcherResponse;
}

export function createSubgraphFetcher(options: SubgraphFetcherOptions): SubgraphFetcher {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64, scheduling: 'lifo' as const };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  const maxResponseBytes = options.maxResponseBytes ?? 32 * 1024 * 1024;
  // Counting distinct sockets proves connection reuse in tests; the pool itself is Node's.
  const seen = new WeakSet<object>();
  let opened = 0;

  const fetcher: Fetcher = (url: string, init: FetcherRequestInit = {}) =>
    new Promise<FetcherResponse>((resolve, reject) => {
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      if (!secure && target.protocol !== 'http:') return reject(new SubgraphFetchError(`unsupported protocol in ${url}`));
      const request = (secure ? https : http).request(target, { method: init.method ?? 'GET', headers: init.headers, agent: secure ? agents.https : agents.http });
      request.once('socket', (socket) => {
        if (seen.has(socket)) return;
        seen.add(socket);
        opened += 1;
      });
      const timer = setTimeout(() => request.destroy(new SubgraphFetchError(`no complete answer from ${target.origin} within ${options.timeoutMs} ms`)), options.timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      request.once('error', fail);
      request.once('response', (res) => {
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
          resolve(toResponse(url, res, Buffer.concat(chunks)));
        });
      });
      request.end(init.body);
    });

  return {
    fetcher,
    socketsOpened: () => opened,
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

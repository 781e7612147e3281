// CORS for browsers on other origins (the Vite dev server calls the router directly). Allowed
// origins come from ROUTER_CORS_ORIGINS; requests without an Origin header are not affected.
// Apollo Server's CSRF prevention still applies: cross-origin "simple" requests are refused.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '@tracklore/shared/http/service';
import { REQUEST_ID_HEADER } from './gateway/request-context.ts';

const ALLOWED_HEADERS = ['authorization', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name', REQUEST_ID_HEADER, 'traceparent', 'tracestate'];

/** Returns true when it answered the request (a preflight). */
export function handleCors(req: IncomingMessage, res: ServerResponse, allowedOrigins: string[]): boolean {
  const origin = req.headers.origin;
  const preflight = req.method === 'OPTIONS';
  // Answers differ by Origin whenever CORS is on, so caches must key on it.
  if (allowedOrigins.length > 0) res.setHeader('vary', 'Origin');
  if (!origin) {
    if (!preflight) return false;
    res.writeHead(204, { allow: 'GET, POST, OPTIONS' }).end();
    return true;
  }
  const allowed = allowedOrigins.includes('*') || allowedOrigins.includes(origin);
  if (allowed) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', REQUEST_ID_HEADER);
  }
  if (!preflight) return false;
  if (!allowed) {
    sendJson(res, 403, { errors: [{ message: `origin ${origin} is not allowed (ROUTER_CORS_ORIGINS)`, extensions: { code: 'FORBIDDEN' } }] });
    return true;
  }
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': ALLOWED_HEADERS.join(', '),
    'access-control-max-age': '600',
  });
  res.end();
  return true;
}

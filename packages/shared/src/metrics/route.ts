// GET /metrics in the Prometheus text format, protected like the internal API: the scraper sends
// `authorization: Bearer <METRICS_TOKEN>`, compared in constant time. A token of its own rather
// than INTERNAL_API_SECRET: a scraper gets no power to read users through /internal/*, and the
// router (which has no internal secret) is protected the same way. Without METRICS_TOKEN the
// route does not exist (404): nothing is ever served unprotected.
import { sendJson, type Route } from '../http/service.ts';
import { bearerToken, secretMatches } from '../http/secret.ts';
import { exposition, type Registry } from './registry.ts';

export const METRICS_PATH = '/metrics';

export function metricsRoutes(registry: Registry, token: string | undefined): Route[] {
  if (token === undefined) return [];
  return [
    {
      method: 'GET',
      path: METRICS_PATH,
      async handle(req, res) {
        if (!secretMatches(token, bearerToken(req.headers.authorization))) {
          return sendJson(res, 401, { error: { code: 'UNAUTHENTICATED', message: 'missing or wrong bearer token (METRICS_TOKEN)' } }, { 'www-authenticate': 'Bearer' });
        }
        const text = await exposition(registry);
        res.writeHead(200, { 'content-type': registry.contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
        res.end(text);
      },
    },
  ];
}

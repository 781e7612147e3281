// GET /.well-known/jwks.json: the public signing keys (never a private member), cacheable for a
// few minutes. Verifiers refetch on an unknown kid, so a new key is picked up at once anyway.
import { createHash } from 'node:crypto';
import { sendJson, type Route } from '@tracklore/shared/http/service';
import type { KeyRing } from '../tokens/key-ring.ts';

export const JWKS_PATH = '/.well-known/jwks.json';
export const JWKS_MAX_AGE_SECONDS = 300;

export function jwksRoute(keys: KeyRing): Route {
  return {
    method: 'GET',
    path: JWKS_PATH,
    async handle(req, res) {
      const body = keys.jwks();
      const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
      const headers = { 'cache-control': `public, max-age=${JWKS_MAX_AGE_SECONDS}, stale-while-revalidate=60`, etag };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      sendJson(res, 200, body, headers);
    },
  };
}

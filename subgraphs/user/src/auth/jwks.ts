// The auth subgraph's signing keys, fetched from its JWKS and verified locally (no call to auth
// per request). On top of jose's remote set (cached, refreshed on an unknown kid at most once per
// cooldown) this keeps serving the last key set it fetched when a refresh fails, so tokens signed
// with known keys keep verifying while auth is down; a refresh is then retried in the background
// at most once per cooldown instead of on every request.
import { createLocalJWKSet, createRemoteJWKSet, customFetch, errors, jwksCache, type JWKSCacheInput, type JWTVerifyGetKey } from 'jose';
import type { Logger } from '@tracklore/shared/logger';

export interface JwksOptions {
  jwksUrl: string;
  /** Fetch timeout in ms. Default 3000. */
  timeoutMs?: number;
  /** Minimum time between refreshes triggered by an unknown kid or a failed refresh, in ms. Default 30000. */
  cooldownMs?: number;
  /** Age after which the set is refreshed, in ms. Default 600000 (10 minutes). */
  maxAgeMs?: number;
  fetch?: typeof fetch;
  logger?: Logger;
}

export function createAuthKeys(options: JwksOptions): JWTVerifyGetKey {
  const cooldownMs = options.cooldownMs ?? 30_000;
  // jose writes every successfully fetched set (and its time) into this object.
  const cache: JWKSCacheInput = {};
  const remote = createRemoteJWKSet(new URL(options.jwksUrl), {
    timeoutDuration: options.timeoutMs ?? 3000,
    cooldownDuration: cooldownMs,
    cacheMaxAge: options.maxAgeMs ?? 600_000,
    [jwksCache]: cache,
    ...(options.fetch ? { [customFetch]: options.fetch } : {}),
  });
  let lastKnown: { uat: number; keys: JWTVerifyGetKey } | undefined;
  let lastBackgroundRefresh = 0;

  const remember = () => {
    if ('uat' in cache && cache.jwks && cache.uat !== lastKnown?.uat) lastKnown = { uat: cache.uat, keys: createLocalJWKSet(cache.jwks) };
  };

  return async (header, token) => {
    if (lastKnown && !remote.fresh) {
      // Stale: verify with what we have and refresh in the background (throttled).
      if (!remote.reloading && Date.now() - lastBackgroundRefresh >= cooldownMs) {
        lastBackgroundRefresh = Date.now();
        remote.reload().then(remember, (error: unknown) => options.logger?.warn({ err: (error as Error).message }, 'JWKS refresh failed; using the last known keys'));
      }
      try {
        return await lastKnown.keys(header, token);
      } catch (error) {
        if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
        // A kid we have never seen: only a fresh set can help.
      }
    }
    const key = await remote(header, token);
    remember();
    return key;
  };
}

// The auth subgraph's signing keys, fetched from its JWKS and verified locally (no call to auth
// per request). While the set is fresh, jose's remote set answers (cached; an unknown kid refreshes
// it at most once per cooldown). Once it is older than maxAgeMs, jose would make every request wait
// on a refetch and fail while auth is down; instead we keep verifying with the last set we fetched
// and refresh in the background at most once per cooldown, so reads keep working during an auth
// outage of any length and a dead auth is not asked on every request.
import { createLocalJWKSet, createRemoteJWKSet, customFetch, errors, jwksCache, type JWKSCacheInput, type JWTVerifyGetKey } from 'jose';
import { systemClock, type Clock } from '@tracklore/shared/clock';
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
  /** Times the background refresh cooldown (jose times its own cache). Default systemClock. */
  clock?: Clock;
  logger?: Logger;
}

export function createAuthKeys(options: JwksOptions): JWTVerifyGetKey {
  const cooldownMs = options.cooldownMs ?? 30_000;
  const clock = options.clock ?? systemClock;
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
  let lastRefreshAt = 0;
  let refreshing: Promise<void> | undefined;

  const remember = () => {
    if ('uat' in cache && cache.jwks && cache.uat !== lastKnown?.uat) lastKnown = { uat: cache.uat, keys: createLocalJWKSet(cache.jwks) };
  };

  return async (header, token) => {
    if (!lastKnown || remote.fresh) {
      const key = await remote(header, token);
      remember();
      return key;
    }
    // Stale: refresh in the background (at most once per cooldown) and verify with what we have.
    const known = lastKnown;
    if (clock.now() - lastRefreshAt >= cooldownMs) {
      lastRefreshAt = clock.now();
      refreshing = remote.reload().then(remember, (error: unknown) => {
        options.logger?.warn({ err: (error as Error).message }, 'JWKS refresh failed; using the last known keys');
      });
    }
    try {
      return await known.keys(header, token);
    } catch (error) {
      // A kid we have never seen (e.g. just rotated in): only the refresh can help, so wait for it.
      if (!(error instanceof errors.JWKSNoMatchingKey) || !refreshing) throw error;
      await refreshing;
      if (lastKnown === known) throw error;
      return lastKnown.keys(header, token);
    }
  };
}

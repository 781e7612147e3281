// Who is asking. Policy:
//  - Every request's access token is verified locally (signature via the cached JWKS, iss, aud,
//    exp): reads need nothing more, so reading one's own profile and goals keeps working while
//    the auth subgraph is down.
//  - Writes additionally introspect the token at auth, so a session that was revoked or logged
//    out (or a user who was removed or demoted) cannot write with a still-unexpired token. The
//    answer is cached per token (jti) for INTROSPECTION_CACHE_SECONDS (never past the token's
//    exp), bounding both the load on auth and how long a revoked session can still write. When
//    auth cannot be asked, writes fail with SERVICE_UNAVAILABLE (fast, via the auth client's
//    circuit breaker); reads are unaffected.
import { AppError } from '@tracklore/shared/errors';
import { bearerToken, type AccessTokenVerifier, type Role } from '@tracklore/shared/tokens/access-token';
import type { AuthClient, Introspection } from './auth-client.ts';
import type { Clock } from '@tracklore/shared/clock';

export interface Viewer {
  userId: number;
  roles: Role[];
  sessionId: string;
  jti: string;
  /** Token expiry, seconds since the epoch. */
  exp: number;
  token: string;
}

export interface ViewerAuth {
  /** The verified viewer of a request (local check only), or null without a bearer token. */
  fromAuthorization(header: string | string[] | undefined): Promise<Viewer | null>;
  /** Confirms at auth (cached) that the viewer's session is live; roles come from auth's answer. */
  confirm(viewer: Viewer): Promise<Viewer>;
}

export interface ViewerAuthOptions {
  verify: AccessTokenVerifier;
  auth: Pick<AuthClient, 'introspect'>;
  /** Reuse of an introspection answer, in seconds. 0 disables the cache. */
  cacheSeconds: number;
  clock: Clock;
  /** Most cached answers kept. Default 10000. */
  maxEntries?: number;
}

interface CacheEntry {
  answer: Promise<Introspection>;
  /** ms since the epoch. */
  until: number;
}

export function createViewerAuth(options: ViewerAuthOptions): ViewerAuth {
  const cache = new Map<string, CacheEntry>();
  const maxEntries = options.maxEntries ?? 10_000;

  function introspect(viewer: Viewer): Promise<Introspection> {
    const now = options.clock.now();
    const hit = cache.get(viewer.jti);
    if (hit && hit.until > now) return hit.answer;
    const answer = options.auth.introspect(viewer.token);
    if (options.cacheSeconds > 0) {
      const until = Math.min(now + options.cacheSeconds * 1000, viewer.exp * 1000);
      cache.delete(viewer.jti);
      cache.set(viewer.jti, { answer, until });
      // Failures are not cached: the next write asks again (the breaker keeps that cheap).
      answer.catch(() => cache.get(viewer.jti)?.answer === answer && cache.delete(viewer.jti));
      for (const [key, entry] of cache) {
        if (cache.size <= maxEntries && entry.until > now) break;
        cache.delete(key);
      }
    }
    return answer;
  }

  return {
    async fromAuthorization(header) {
      const token = bearerToken(header);
      if (!token) return null;
      const claims = await options.verify(token);
      return { ...claims, token };
    },
    async confirm(viewer) {
      const answer = await introspect(viewer);
      if (!answer.active || answer.userId !== viewer.userId || answer.sessionId !== viewer.sessionId) {
        throw new AppError('UNAUTHENTICATED', 'this session is no longer active; sign in again');
      }
      return { ...viewer, roles: answer.roles };
    },
  };
}

// Who is calling: an access token counts only if it verifies (own keys; alg, iss, aud pinned)
// AND its session is still active. Introspection for other services answers the same question.
// Reading never writes (Session.lastUsedAt changes on log-in and refresh only).
import { AppError } from '@tracklore/shared/errors';
import type { Role } from '@tracklore/shared/tokens/access-token';
import { findActiveSession, type ActiveSession } from '../repositories/sessions.ts';
import type { UserView } from '../repositories/users.ts';
import type { AuthServices, Viewer } from './services.ts';
import { isUuid } from './ids.ts';

export type Authentication = { viewer: Viewer; user: UserView; exp: number } | { error: AppError };

/**
 * Where the session's state may come from: `database` for writes and introspection (a logout or
 * revocation anywhere takes effect at once), `cache` for reads (the session cache, kept in step
 * by NOTIFY, see session-cache.ts).
 */
export type SessionSource = 'database' | 'cache';

async function activeSession(services: AuthServices, sessionId: string, source: SessionSource): Promise<ActiveSession | null> {
  if (!isUuid(sessionId)) return null;
  const cached = source === 'cache' ? services.sessionCache.get(sessionId) : undefined;
  if (cached) return cached;
  const mark = services.sessionCache.mark();
  const found = await findActiveSession(services.db, sessionId, services.clock.date());
  if (found) services.sessionCache.set(mark, found);
  return found;
}

export async function authenticate(services: AuthServices, token: string, source: SessionSource = 'database'): Promise<Authentication> {
  let claims;
  try {
    claims = await services.verifyAccessToken(token);
  } catch (error) {
    if (error instanceof AppError) return { error };
    throw error;
  }
  const active = await activeSession(services, claims.sessionId, source);
  if (!active || active.userId !== claims.userId) return { error: new AppError('UNAUTHENTICATED', 'session has ended; sign in again') };
  return { viewer: { userId: claims.userId, sessionId: claims.sessionId, roles: active.user.roles }, user: active.user, exp: claims.exp };
}

export type Introspection = { active: false } | { active: true; userId: number; sessionId: string; roles: Role[]; exp: number };

/** Always asks the database: other services introspect before a write. */
export async function introspect(services: AuthServices, token: string): Promise<Introspection> {
  const result = await authenticate(services, token, 'database');
  if ('error' in result) return { active: false };
  return { active: true, userId: result.viewer.userId, sessionId: result.viewer.sessionId, roles: result.viewer.roles, exp: result.exp };
}

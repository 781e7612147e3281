// Who is calling: an access token counts only if it verifies (own keys; alg, iss, aud pinned)
// AND its session is still active. Introspection for other services answers the same question.
import { AppError } from '@tracklore/shared/errors';
import type { Role } from '@tracklore/shared/tokens/access-token';
import { findActiveSession, touchSession } from '../repositories/sessions.ts';
import type { AuthDeps, Viewer } from './deps.ts';

export type Authentication = { viewer: Viewer; exp: number } | { error: AppError };

export async function authenticate(deps: AuthDeps, token: string): Promise<Authentication> {
  let claims;
  try {
    claims = await deps.verifyAccessToken(token);
  } catch (error) {
    if (error instanceof AppError) return { error };
    throw error;
  }
  const now = deps.now();
  const active = await findActiveSession(deps.db, claims.sessionId, now);
  if (!active || active.session.userId !== claims.userId) return { error: new AppError('UNAUTHENTICATED', 'session has ended; sign in again') };
  await touchSession(deps.db, active.session.id, now);
  return { viewer: { userId: claims.userId, sessionId: claims.sessionId, roles: active.user.roles }, exp: claims.exp };
}

export type Introspection = { active: false } | { active: true; userId: number; sessionId: string; roles: Role[]; exp: number };

export async function introspect(deps: AuthDeps, token: string): Promise<Introspection> {
  const result = await authenticate(deps, token);
  if ('error' in result) return { active: false };
  return { active: true, userId: result.viewer.userId, sessionId: result.viewer.sessionId, roles: result.viewer.roles, exp: result.exp };
}

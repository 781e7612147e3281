// Sessions: issuing token pairs, refresh-token rotation with reuse detection, and ending sessions.
import { AppError } from '@tracklore/shared/errors';
import { accountDisabled } from './credentials.ts';
import { isUuid } from './ids.ts';
import type { Tx } from '../db.ts';
import { createSession, findRefreshToken, listActiveSessions, revokeSession as revokeSessionRow, revokeUserSessions, rotateRefreshToken, type ListedSession, type SessionRow } from '../repositories/sessions.ts';
import { toUserView, type UserView } from '../repositories/users.ts';
import { accessTokenClaims, signAccessToken } from '../tokens/access-token.ts';
import type { AuthServices, ClientInfo, Viewer } from './services.ts';
import { hashToken, looksLikeOpaqueToken, newOpaqueToken } from './secrets.ts';

export interface AuthResult {
  accessToken: string;
  refreshToken: string;
  /** Access-token lifetime in seconds. */
  expiresIn: number;
  user: UserView;
  /** The new session, as a viewer: lets the payload's user show the viewer-only fields. */
  viewer: Viewer;
}

const DAY_MS = 24 * 3600 * 1000;
const USER_AGENT_MAX = 512;

export const sessionExpiry = (services: AuthServices, now: Date): Date => new Date(now.getTime() + services.config.refreshTokenTtlDays * DAY_MS);

async function accessTokenFor(services: AuthServices, viewer: Viewer, now: Date): Promise<string> {
  const claims = accessTokenClaims({
    userId: viewer.userId,
    roles: viewer.roles,
    sessionId: viewer.sessionId,
    issuer: services.config.issuer,
    audience: services.config.audience,
    ttlSeconds: services.config.accessTokenTtlSeconds,
    nowMs: now.getTime(),
  });
  return signAccessToken(claims, services.keys.signingKey());
}

/** Starts a session for `user` inside `tx`; call finishSession after the commit. */
export async function openSession(tx: Tx, services: AuthServices, user: UserView, client: ClientInfo, now: Date): Promise<{ refreshToken: string; session: SessionRow }> {
  const refreshToken = newOpaqueToken();
  const session = await createSession(tx, {
    userId: user.id,
    userAgent: client.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
    clientAddress: client.address,
    expiresAt: sessionExpiry(services, now),
    refreshTokenHash: hashToken(refreshToken),
  });
  return { refreshToken, session };
}

export async function finishSession(services: AuthServices, user: UserView, opened: { refreshToken: string; session: SessionRow }, now: Date): Promise<AuthResult> {
  const viewer: Viewer = { userId: user.id, sessionId: opened.session.id, roles: user.roles };
  return {
    accessToken: await accessTokenFor(services, viewer, now),
    refreshToken: opened.refreshToken,
    expiresIn: services.config.accessTokenTtlSeconds,
    user: toUserView(user),
    viewer,
  };
}

export async function startSession(services: AuthServices, user: UserView, client: ClientInfo): Promise<AuthResult> {
  const now = services.clock.date();
  const opened = await services.db.$transaction((tx) => openSession(tx, services, user, client, now));
  return finishSession(services, user, opened, now);
}

const invalidRefresh = () => new AppError('UNAUTHENTICATED', 'refresh token is invalid or expired');

/**
 * Exchanges a current refresh token for a new pair. A token that was already exchanged is proof
 * that it leaked (or raced): the whole session is revoked, so the other holder's token dies too.
 */
export async function refreshSession(services: AuthServices, refreshToken: string): Promise<AuthResult> {
  if (!looksLikeOpaqueToken(refreshToken)) throw invalidRefresh();
  const now = services.clock.date();
  const match = await findRefreshToken(services.db, hashToken(refreshToken));
  if (!match) throw invalidRefresh();
  const { session } = match;
  // Disabling revoked the session; the holder of one of its tokens learns why.
  if (session.user.disabledAt) throw accountDisabled();
  const reuse = async () => {
    const revoked = await revokeSessionRow(services.db, { id: session.id }, 'refresh-token-reuse', now);
    if (revoked) services.sessionCache.clear();
    if (revoked) services.logger.warn({ sessionId: session.id, userId: session.userId }, 'refresh token reused: session revoked');
    return new AppError('UNAUTHENTICATED', 'refresh token was already used; the session has been ended');
  };
  if (match.rotatedAt) throw await reuse();
  if (session.revokedAt || session.expiresAt <= now) throw invalidRefresh();
  const next = newOpaqueToken();
  const rotated = await services.db.$transaction((tx) =>
    rotateRefreshToken(tx, { tokenId: match.tokenId, sessionId: session.id, newTokenHash: hashToken(next), now, expiresAt: sessionExpiry(services, now) }),
  );
  if (!rotated) throw await reuse();
  return finishSession(services, session.user, { refreshToken: next, session }, now);
}

/** Ends the session a refresh token belongs to; false when the token is unknown. */
export async function logOut(services: AuthServices, refreshToken: string): Promise<boolean> {
  if (!looksLikeOpaqueToken(refreshToken)) return false;
  const match = await findRefreshToken(services.db, hashToken(refreshToken));
  if (!match) return false;
  if (await revokeSessionRow(services.db, { id: match.session.id }, 'logout', services.clock.date())) services.sessionCache.clear();
  return true;
}

export async function logOutEverywhere(services: AuthServices, viewer: Viewer): Promise<boolean> {
  if ((await revokeUserSessions(services.db, viewer.userId, 'logout-everywhere', services.clock.date())) > 0) services.sessionCache.clear();
  return true;
}

/** Ends one of the viewer's own sessions; NOT_FOUND for anyone else's (no probing). */
export async function revokeOwnSession(services: AuthServices, viewer: Viewer, sessionId: string): Promise<boolean> {
  const revoked = isUuid(sessionId) && (await revokeSessionRow(services.db, { id: sessionId, userId: viewer.userId }, 'revoked-by-user', services.clock.date()));
  if (!revoked) throw new AppError('NOT_FOUND', 'no active session with that id');
  services.sessionCache.clear();
  return true;
}

export async function activeSessions(services: AuthServices, userId: number): Promise<ListedSession[]> {
  return listActiveSessions(services.db, userId, services.clock.date());
}

// Sessions and their refresh tokens. A session is one refresh-token family: exactly one token of
// it is current (rotated_at NULL); older ones stay as evidence, so reuse can be detected.
import { randomUUID } from 'node:crypto';
import type { Role } from '@tracklore/shared/tokens/access-token';
import type { DbOrTx, Tx } from '../db.ts';
import type { UserView } from './users.ts';

export interface SessionRow {
  id: string;
  userId: number;
  userAgent: string | null;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

const sessionColumns = { id: true, userId: true, userAgent: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true } as const;

export interface NewSession {
  userId: number;
  userAgent: string | null;
  clientAddress: string | null;
  expiresAt: Date;
  /** SHA-256 of the first refresh token. */
  refreshTokenHash: string;
}

export async function createSession(tx: Tx, input: NewSession): Promise<SessionRow> {
  const session = await tx.session.create({
    data: {
      id: randomUUID(),
      userId: input.userId,
      userAgent: input.userAgent,
      clientAddress: input.clientAddress,
      expiresAt: input.expiresAt,
      refreshTokens: { create: { id: randomUUID(), tokenHash: input.refreshTokenHash } },
    },
    select: sessionColumns,
  });
  return session;
}

export interface RefreshTokenMatch {
  tokenId: string;
  rotatedAt: Date | null;
  session: SessionRow & { user: UserView };
}

export async function findRefreshToken(db: DbOrTx, tokenHash: string): Promise<RefreshTokenMatch | null> {
  const row = await db.refreshToken.findUnique({
    where: { tokenHash },
    select: { id: true, rotatedAt: true, session: { select: { ...sessionColumns, user: { select: { id: true, email: true, roles: true, createdAt: true } } } } },
  });
  return row ? { tokenId: row.id, rotatedAt: row.rotatedAt, session: row.session } : null;
}

/**
 * Marks `tokenId` rotated and adds its successor, only if it was still current; false means a
 * concurrent refresh used it first (which counts as reuse).
 */
export async function rotateRefreshToken(tx: Tx, input: { tokenId: string; sessionId: string; newTokenHash: string; now: Date; expiresAt: Date }): Promise<boolean> {
  const rotated = await tx.refreshToken.updateMany({ where: { id: input.tokenId, rotatedAt: null }, data: { rotatedAt: input.now } });
  if (rotated.count !== 1) return false;
  await tx.refreshToken.create({ data: { id: randomUUID(), sessionId: input.sessionId, tokenHash: input.newTokenHash } });
  await tx.session.update({ where: { id: input.sessionId }, data: { lastUsedAt: input.now, expiresAt: input.expiresAt } });
  return true;
}

export interface ActiveSessionWithUser {
  session: SessionRow;
  user: { id: number; roles: Role[] };
}

/** The session if it is neither revoked nor expired, with its user's current roles. */
export async function findActiveSession(db: DbOrTx, sessionId: string, now: Date): Promise<ActiveSessionWithUser | null> {
  const row = await db.session.findFirst({
    where: { id: sessionId, revokedAt: null, expiresAt: { gt: now } },
    select: { ...sessionColumns, user: { select: { id: true, roles: true } } },
  });
  if (!row) return null;
  const { user, ...session } = row;
  return { session, user };
}

/** A session as its owner's session list shows it: with the address it was started from. */
export type ListedSession = SessionRow & { clientAddress: string | null };

export async function listActiveSessions(db: DbOrTx, userId: number, now: Date): Promise<ListedSession[]> {
  return db.session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    select: { ...sessionColumns, clientAddress: true },
    orderBy: [{ lastUsedAt: 'desc' }, { createdAt: 'desc' }],
  });
}

/** Records use, at most once a minute per session, so reads do not turn into a write each. */
export async function touchSession(db: DbOrTx, sessionId: string, now: Date): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId, lastUsedAt: { lt: new Date(now.getTime() - 60_000) } }, data: { lastUsedAt: now } });
}

/** Revokes one session (if still active); returns whether it did. */
export async function revokeSession(db: DbOrTx, where: { id: string; userId?: number }, reason: string, now: Date): Promise<boolean> {
  const result = await db.session.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
  return result.count > 0;
}

/** Revokes every active session of a user, optionally keeping one; returns how many. */
export async function revokeUserSessions(db: DbOrTx, userId: number, reason: string, now: Date, exceptSessionId?: string): Promise<number> {
  const result = await db.session.updateMany({
    where: { userId, revokedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
    data: { revokedAt: now, revokedReason: reason },
  });
  return result.count;
}

/** Deletes sessions that ended (expired or revoked) before `before`, with their tokens. */
export async function deleteEndedSessions(db: DbOrTx, before: Date): Promise<number> {
  const result = await db.session.deleteMany({ where: { OR: [{ expiresAt: { lt: before } }, { revokedAt: { lt: before } }] } });
  return result.count;
}

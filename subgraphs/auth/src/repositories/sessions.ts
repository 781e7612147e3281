// Sessions and their refresh tokens. A session is one refresh-token family: exactly one token of
// it is current (rotated_at NULL); older ones stay as evidence, so reuse can be detected.
import { randomUUID } from 'node:crypto';
import type { Role } from '@tracklore/shared/tokens/access-token';
import type { DbOrTx, Tx } from '../db.ts';
import { userViewColumns, userViewSql, type UserView } from './users.ts';

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
    select: { id: true, rotatedAt: true, session: { select: { ...sessionColumns, user: { select: userViewColumns } } } },
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

/** A live session as the read path needs it: who it belongs to, until when, and that user. */
export interface ActiveSession {
  sessionId: string;
  userId: number;
  expiresAt: Date;
  user: UserView;
}

/**
 * The session if it is neither revoked nor expired and its user is not disabled, with that user:
 * one statement (a join; Prisma's relation select would be two), on the hot path of every request
 * with a token. (Disabling revokes the sessions too; the join condition also covers a log-in that
 * raced the disable.)
 */
export async function findActiveSession(db: DbOrTx, sessionId: string, now: Date): Promise<ActiveSession | null> {
  const rows = await db.$queryRaw<Array<UserView & { expiresAt: Date }>>`
    SELECT s.expires_at AS "expiresAt", ${userViewSql}
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ${sessionId}::uuid AND s.revoked_at IS NULL AND s.expires_at > ${now} AND u.disabled_at IS NULL`;
  const row = rows[0];
  if (!row) return null;
  const { expiresAt, ...user } = row;
  return { sessionId, userId: user.id, expiresAt, user: { ...user, roles: user.roles as Role[] } };
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

/** NOTIFY channel: sessions were revoked (or roles changed); every instance drops its session cache. */
export const SESSIONS_CHANNEL = 'auth_sessions';

/** Tells every instance (delivered when `db`'s transaction commits). */
export async function announceSessionsChanged(db: DbOrTx): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${SESSIONS_CHANNEL}, '')`;
}

/** Revokes one session (if still active); returns whether it did. */
export async function revokeSession(db: DbOrTx, where: { id: string; userId?: number }, reason: string, now: Date): Promise<boolean> {
  const result = await db.session.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
  if (result.count > 0) await announceSessionsChanged(db);
  return result.count > 0;
}

/** Revokes every active session of a user, optionally keeping one; returns how many. */
export async function revokeUserSessions(db: DbOrTx, userId: number, reason: string, now: Date, exceptSessionId?: string): Promise<number> {
  const result = await db.session.updateMany({
    where: { userId, revokedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
    data: { revokedAt: now, revokedReason: reason },
  });
  if (result.count > 0) await announceSessionsChanged(db);
  return result.count;
}

/** Deletes sessions that ended (expired or revoked) before `before`, with their tokens. */
export async function deleteEndedSessions(db: DbOrTx, before: Date): Promise<number> {
  const result = await db.session.deleteMany({ where: { OR: [{ expiresAt: { lt: before } }, { revokedAt: { lt: before } }] } });
  return result.count;
}

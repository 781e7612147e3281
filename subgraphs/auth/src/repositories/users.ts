// Users: identity rows. Creating one also writes its UserCreated event to the outbox (same
// transaction), so an account never exists without its announcement; deleting one writes UserDeleted.
import { buildUserCreated, toUserCreatedMessage, USER_CREATED_TOPIC } from '@tracklore/shared/events/user-created';
import { buildUserDeleted, toUserDeletedMessage, USER_DELETED_TOPIC } from '@tracklore/shared/events/user-deleted';
import type { Role } from '@tracklore/shared/tokens/access-token';
import { Prisma } from '../generated/prisma/client.ts';
import type { DbOrTx, Tx } from '../db.ts';
import { insertOutboxEvent } from './outbox.ts';
import { announceSessionsChanged } from './sessions.ts';

/** What may leave this service about a user (never the password hash); resolvers guard who sees which field. */
export interface UserView {
  id: number;
  email: string;
  roles: Role[];
  createdAt: Date;
  /** When a verification link was used; null: not verified. */
  emailVerifiedAt: Date | null;
  /** When an ADMIN disabled the account; null: enabled. */
  disabledAt: Date | null;
  disabledReason: string | null;
}

export interface UserRow extends UserView {
  passwordHash: string;
  passwordChangedAt: Date;
}

export function toUserView(row: UserView): UserView {
  const { id, email, roles, createdAt, emailVerifiedAt, disabledAt, disabledReason } = row;
  return { id, email, roles, createdAt, emailVerifiedAt, disabledAt, disabledReason };
}

/** The columns of a UserView, for Prisma selects of related users. */
export const userViewColumns = { id: true, email: true, roles: true, createdAt: true, emailVerifiedAt: true, disabledAt: true, disabledReason: true } as const;

/**
 * The same columns for raw SQL over `users u`, aliased to UserView's names (roles as text[]).
 * Kept beside userViewColumns so the two change together.
 */
export const userViewSql = Prisma.raw(`u.id, u.email, u.roles::text[] AS roles, u.created_at AS "createdAt",
  u.email_verified_at AS "emailVerifiedAt", u.disabled_at AS "disabledAt", u.disabled_reason AS "disabledReason"`);

const columns = { ...userViewColumns, passwordHash: true, passwordChangedAt: true } as const;

export async function findUserById(db: DbOrTx, id: number): Promise<UserRow | null> {
  return db.user.findUnique({ where: { id }, select: columns });
}

/** One SELECT for all ids (used by the entity DataLoader). */
export async function findUsersByIds(db: DbOrTx, ids: readonly number[]): Promise<UserRow[]> {
  return db.user.findMany({ where: { id: { in: [...ids] } }, select: columns });
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | null> {
  return db.user.findUnique({ where: { email }, select: columns });
}

/**
 * Inserts the user and its UserCreated outbox row (with the request's traceparent, when traced);
 * throws Prisma P2002 when the email is taken.
 */
export async function createUserWithEvent(tx: Tx, input: { email: string; passwordHash: string; traceparent?: string | null }, now: Date): Promise<UserRow> {
  const user = await tx.user.create({ data: { email: input.email, passwordHash: input.passwordHash }, select: columns });
  const event = buildUserCreated(user, now);
  const message = toUserCreatedMessage(event, input.traceparent ?? undefined);
  await insertOutboxEvent(tx, { id: event.eventId, topic: USER_CREATED_TOPIC, key: message.key, eventType: event.type, payload: event, headers: message.headers });
  return user;
}

/**
 * Deletes the user and everything it owns, and writes its UserDeleted outbox row; false (nothing
 * done) when the user was already gone. Sessions, refresh tokens, reset and verification tokens
 * and mail jobs go with the row (ON DELETE CASCADE); mail jobs written before mail_outbox had
 * user_id are found by recipient. The user's earlier outbox rows carry its address, so they go
 * too: an unsent UserCreated is then never published (the consumer handles a UserDeleted for a
 * user it never saw).
 */
export async function deleteUserWithEvent(tx: Tx, user: { id: number; email: string; traceparent?: string | null }, now: Date): Promise<boolean> {
  const deleted = await tx.user.deleteMany({ where: { id: user.id } });
  if (deleted.count !== 1) return false;
  await tx.mailJob.deleteMany({ where: { recipient: user.email } });
  await tx.outboxEvent.deleteMany({ where: { topic: USER_CREATED_TOPIC, key: String(user.id) } });
  const event = buildUserDeleted(user.id, now);
  const message = toUserDeletedMessage(event, user.traceparent ?? undefined);
  await insertOutboxEvent(tx, { id: event.eventId, topic: USER_DELETED_TOPIC, key: message.key, eventType: event.type, payload: event, headers: message.headers });
  // Its sessions are gone: every instance drops its session cache.
  await announceSessionsChanged(tx);
  return true;
}

export async function updatePasswordHash(db: DbOrTx, userId: number, passwordHash: string, changedAt: Date): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: changedAt } });
}

/** Rehash without marking a password change (parameters upgraded on login). */
export async function replacePasswordHash(db: DbOrTx, userId: number, oldHash: string, passwordHash: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId, passwordHash: oldHash }, data: { passwordHash } });
}

/** Marks the address verified (first time only); sessions caches hold the flag, so every instance is told. */
export async function markEmailVerified(tx: Tx, userId: number, now: Date): Promise<void> {
  await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
  await announceSessionsChanged(tx);
}

/** LIKE pattern matching addresses that start with `prefix` (wildcards in it taken literally). */
export const emailPrefixPattern = (prefix: string): string => `${prefix.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;

/**
 * Up to `limit` users with ids above `afterId`, in id order (stable: ids never change or return),
 * optionally only those whose address starts with `emailPrefix` (case-insensitive).
 */
export async function listUsersPage(db: DbOrTx, input: { afterId: number; limit: number; emailPrefix: string | null }): Promise<UserView[]> {
  const pattern = input.emailPrefix === null ? null : emailPrefixPattern(input.emailPrefix);
  return db.$queryRaw<UserView[]>`
    SELECT ${userViewSql} FROM users u
    WHERE u.id > ${input.afterId} AND (${pattern}::text IS NULL OR lower(u.email) LIKE ${pattern} ESCAPE '\\')
    ORDER BY u.id LIMIT ${input.limit}`;
}

export async function countUsers(db: DbOrTx, emailPrefix: string | null): Promise<number> {
  const pattern = emailPrefix === null ? null : emailPrefixPattern(emailPrefix);
  const rows = await db.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM users u WHERE ${pattern}::text IS NULL OR lower(u.email) LIKE ${pattern} ESCAPE '\\'`;
  return rows[0]?.n ?? 0;
}

/**
 * Disables the account with `reason` (the first disabledAt is kept), or enables it when `reason`
 * is null; returns it afterwards, or null when there is no such user. Session caches hold the
 * flags: every instance is told.
 */
export async function setDisabled(db: DbOrTx, userId: number, reason: string | null, now: Date): Promise<UserView | null> {
  const rows = await db.$queryRaw<UserView[]>`
    UPDATE users u SET disabled_at = CASE WHEN ${reason}::text IS NULL THEN NULL ELSE COALESCE(u.disabled_at, ${now}) END,
                       disabled_reason = ${reason}, updated_at = ${now}
    WHERE u.id = ${userId} RETURNING ${userViewSql}`;
  if (rows[0]) await announceSessionsChanged(db);
  return rows[0] ?? null;
}

/**
 * Adds `role` once; returns the roles afterwards, or null when no user has that email. Session
 * caches hold roles, so every instance is told to drop them.
 */
export async function addRole(db: DbOrTx, email: string, role: Role): Promise<Role[] | null> {
  const rows = await db.$queryRaw<Array<{ roles: Role[] }>>`
    UPDATE users SET roles = CASE WHEN ${role}::"Role" = ANY(roles) THEN roles ELSE array_append(roles, ${role}::"Role") END,
                     updated_at = now()
    WHERE email = ${email} RETURNING roles::text[] AS roles`;
  if (rows[0]) await announceSessionsChanged(db);
  return rows[0]?.roles ?? null;
}

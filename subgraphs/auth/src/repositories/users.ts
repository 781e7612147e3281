// Users: identity rows. Creating one also writes its UserCreated event to the outbox (same
// transaction), so an account never exists without its announcement.
import { buildUserCreated, toUserCreatedMessage, USER_CREATED_TOPIC } from '@tracklore/shared/events/user-created';
import type { Role } from '@tracklore/shared/tokens/access-token';
import type { DbOrTx, Tx } from '../db.ts';
import { insertOutboxEvent } from './outbox.ts';
import { announceSessionsChanged } from './sessions.ts';

/** What may leave this service about a user (never the password hash). */
export interface UserView {
  id: number;
  email: string;
  roles: Role[];
  createdAt: Date;
}

export interface UserRow extends UserView {
  passwordHash: string;
  passwordChangedAt: Date;
}

export function toUserView(row: UserView): UserView {
  return { id: row.id, email: row.email, roles: row.roles, createdAt: row.createdAt };
}

const columns = { id: true, email: true, passwordHash: true, roles: true, createdAt: true, passwordChangedAt: true } as const;

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

export async function updatePasswordHash(db: DbOrTx, userId: number, passwordHash: string, changedAt: Date): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: changedAt } });
}

/** Rehash without marking a password change (parameters upgraded on login). */
export async function replacePasswordHash(db: DbOrTx, userId: number, oldHash: string, passwordHash: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId, passwordHash: oldHash }, data: { passwordHash } });
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

// auth_user_references: the local shadow of auth users that every user-owned row points at, and
// deleted_users: the tombstones of accounts auth deleted, which keep them from coming back.
import type { UserCreated } from '@tracklore/shared/events/user-created';
import type { UserDeleted } from '@tracklore/shared/events/user-deleted';
import type { Db, DbTx } from '../db.ts';
import type { ReferenceSource } from '../generated/prisma/client.ts';

export async function referenceExists(db: Db | DbTx, userId: number): Promise<boolean> {
  return (await db.authUserReference.count({ where: { id: userId } })) > 0;
}

/**
 * Serialises everything that creates or deletes one user's reference (transaction-scoped advisory
 * lock). Without it, under READ COMMITTED, a read-repair that checked the tombstone just before a
 * concurrent UserDeleted committed would insert the reference after the deletion: resurrection.
 */
async function lockUserLifecycle(tx: DbTx, userId: number): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('deleted_users'), ${userId}::int)`;
}

/** 'deleted': the user has a tombstone, so nothing was created. */
export type CreateOutcome = 'created' | 'exists' | 'deleted';

/** Creates the reference and its empty profile unless they exist or the user was deleted; one transaction. */
export async function createReference(db: Db, userId: number, source: ReferenceSource): Promise<CreateOutcome> {
  return db.$transaction(async (tx) => insertReference(tx, userId, source));
}

async function insertReference(tx: DbTx, userId: number, source: ReferenceSource): Promise<CreateOutcome> {
  await lockUserLifecycle(tx, userId);
  if ((await tx.deletedUser.count({ where: { id: userId } })) > 0) return 'deleted';
  const { count } = await tx.authUserReference.createMany({ data: [{ id: userId, source }], skipDuplicates: true });
  await tx.profile.createMany({ data: [{ userId }], skipDuplicates: true });
  return count > 0 ? 'created' : 'exists';
}

/**
 * What applying one event did. 'duplicate': its id was processed before, nothing changed;
 * 'tombstoned': a UserCreated for a deleted user, recorded and ignored; 'unknown-user': a
 * UserDeleted for a user without a reference, recorded (the tombstone is still written, so the
 * UserCreated that may come later is ignored).
 */
export type RecordOutcome = 'created' | 'deleted' | 'duplicate' | 'tombstoned' | 'unknown-user';

/** Records the event id; false when it was processed before. Same transaction as the effect. */
async function markProcessed(tx: DbTx, event: { eventId: string; type: string }): Promise<boolean> {
  const { count } = await tx.processedEvent.createMany({ data: [{ eventId: event.eventId, eventType: event.type }], skipDuplicates: true });
  return count > 0;
}

/**
 * Applies a UserCreated event exactly once: the processed event id, the reference and the empty
 * profile are written in one transaction, and an event id seen before changes nothing. A deleted
 * user (tombstone) stays deleted.
 */
export async function recordUserCreated(db: Db, event: UserCreated): Promise<RecordOutcome> {
  return db.$transaction(async (tx) => {
    if (!(await markProcessed(tx, event))) return 'duplicate';
    return (await insertReference(tx, event.user.id, 'EVENT')) === 'deleted' ? 'tombstoned' : 'created';
  });
}

/**
 * Deletes the user's reference, and with it (ON DELETE CASCADE) the profile, goals and awarded
 * badges, and writes the tombstone, in the caller's transaction. True when a reference was there.
 */
export async function forgetUser(tx: DbTx, userId: number): Promise<boolean> {
  await lockUserLifecycle(tx, userId);
  await tx.deletedUser.createMany({ data: [{ id: userId }], skipDuplicates: true });
  const { count } = await tx.authUserReference.deleteMany({ where: { id: userId } });
  return count > 0;
}

/** Applies a UserDeleted event exactly once (processed id, deletion and tombstone in one transaction). */
export async function recordUserDeleted(db: Db, event: UserDeleted): Promise<RecordOutcome> {
  return db.$transaction(async (tx) => {
    if (!(await markProcessed(tx, event))) return 'duplicate';
    return (await forgetUser(tx, event.userId)) ? 'deleted' : 'unknown-user';
  });
}

/** Deletes the references of users auth no longer has (reconcile --repair); returns the ids removed. */
export async function forgetUsers(db: Db, userIds: readonly number[]): Promise<number[]> {
  const removed: number[] = [];
  for (const id of userIds) if (await db.$transaction((tx) => forgetUser(tx, id))) removed.push(id);
  return removed;
}

/**
 * Takes a row lock on the user's reference so per-user limits hold under concurrent writes. NO KEY
 * UPDATE, not UPDATE: it excludes other lockers (and a delete) but not the KEY SHARE lock that
 * every insert of a row pointing at the reference takes. With FOR UPDATE, createGoal (lock, then
 * insert its first-goal award) and an admin's award of first-goal (insert, then the key check on
 * the reference) each waited for the other: deadlock, 40P01 (test/concurrent-writes.test.ts).
 */
export async function lockReference(tx: DbTx, userId: number): Promise<void> {
  await tx.$queryRaw`SELECT id FROM auth_user_references WHERE id = ${userId} FOR NO KEY UPDATE`;
}

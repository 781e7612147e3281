// auth_user_references: the local shadow of auth users that every user-owned row points at.
import type { UserCreated } from '@tracklore/shared/events/user-created';
import type { Db, DbTx } from '../db.ts';
import type { ReferenceSource } from '../generated/prisma/client.ts';

export async function referenceExists(db: Db | DbTx, userId: number): Promise<boolean> {
  return (await db.authUserReference.count({ where: { id: userId } })) > 0;
}

/** Creates the reference and its empty profile unless they exist; one transaction. */
export async function createReference(db: Db, userId: number, source: ReferenceSource): Promise<void> {
  await db.$transaction(async (tx) => insertReference(tx, userId, source));
}

async function insertReference(tx: DbTx, userId: number, source: ReferenceSource): Promise<void> {
  await tx.authUserReference.createMany({ data: [{ id: userId, source }], skipDuplicates: true });
  await tx.profile.createMany({ data: [{ userId }], skipDuplicates: true });
}

export type RecordOutcome = 'created' | 'duplicate';

/**
 * Applies a UserCreated event exactly once: the processed event id, the reference and the empty
 * profile are written in one transaction, and an event id seen before changes nothing.
 */
export async function recordUserCreated(db: Db, event: UserCreated): Promise<RecordOutcome> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.processedEvent.createMany({ data: [{ eventId: event.eventId, eventType: event.type }], skipDuplicates: true });
    if (count === 0) return 'duplicate';
    await insertReference(tx, event.user.id, 'EVENT');
    return 'created';
  });
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

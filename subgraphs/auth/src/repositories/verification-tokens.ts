// Email-verification tokens: only their SHA-256 is stored; using one marks it (and its siblings) used.
import { randomUUID } from 'node:crypto';
import type { DbOrTx, Tx } from '../db.ts';

export async function createVerificationToken(db: DbOrTx, input: { userId: number; tokenHash: string; expiresAt: Date }): Promise<void> {
  await db.emailVerificationToken.create({ data: { id: randomUUID(), ...input } });
}

export interface VerificationTokenRow {
  id: string;
  userId: number;
  expiresAt: Date;
  usedAt: Date | null;
}

/** The token whatever its state, so the caller can say whether it is used or expired. */
export async function findVerificationToken(db: DbOrTx, tokenHash: string): Promise<VerificationTokenRow | null> {
  return db.emailVerificationToken.findUnique({ where: { tokenHash }, select: { id: true, userId: true, expiresAt: true, usedAt: true } });
}

/**
 * Uses the token exactly once: true only for the one caller that flips used_at while it is
 * unexpired at `now`. The user's other outstanding links are spent too: the address is verified.
 */
export async function consumeVerificationToken(tx: Tx, input: { id: string; userId: number; now: Date }): Promise<boolean> {
  const used = await tx.emailVerificationToken.updateMany({ where: { id: input.id, usedAt: null, expiresAt: { gt: input.now } }, data: { usedAt: input.now } });
  if (used.count !== 1) return false;
  await tx.emailVerificationToken.updateMany({ where: { userId: input.userId, usedAt: null }, data: { usedAt: input.now } });
  return true;
}

export async function deleteExpiredVerificationTokens(db: DbOrTx, before: Date): Promise<number> {
  const result = await db.emailVerificationToken.deleteMany({ where: { expiresAt: { lt: before } } });
  return result.count;
}

// Password-reset tokens: only their SHA-256 is stored; using one marks it (and its siblings) used.
import { randomUUID } from 'node:crypto';
import type { DbOrTx, Tx } from '../db.ts';

export async function createResetToken(db: DbOrTx, input: { userId: number; tokenHash: string; expiresAt: Date }): Promise<void> {
  await db.passwordResetToken.create({ data: { id: randomUUID(), ...input } });
}

export interface ResetTokenMatch {
  id: string;
  user: { id: number; email: string };
}

/** The token's user if the token is unused and unexpired at `now`. */
export async function findUsableResetToken(db: DbOrTx, tokenHash: string, now: Date): Promise<ResetTokenMatch | null> {
  return db.passwordResetToken.findFirst({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
    select: { id: true, user: { select: { id: true, email: true } } },
  });
}

/**
 * Uses the token exactly once: true only for the one caller that flips used_at. Every other
 * outstanding token of the user is spent too, so an older mail cannot undo the new password.
 */
export async function consumeResetToken(tx: Tx, input: { id: string; userId: number; now: Date }): Promise<boolean> {
  const used = await tx.passwordResetToken.updateMany({ where: { id: input.id, usedAt: null, expiresAt: { gt: input.now } }, data: { usedAt: input.now } });
  if (used.count !== 1) return false;
  await tx.passwordResetToken.updateMany({ where: { userId: input.userId, usedAt: null }, data: { usedAt: input.now } });
  return true;
}

export async function deleteExpiredResetTokens(db: DbOrTx, before: Date): Promise<number> {
  const result = await db.passwordResetToken.deleteMany({ where: { expiresAt: { lt: before } } });
  return result.count;
}

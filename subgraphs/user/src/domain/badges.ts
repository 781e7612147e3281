// Badges: the automatic award rules and an admin's manual award. Awarding is idempotent (one row
// per user and badge, insert-if-absent), so a rule may fire again without effect.
import { AppError } from '@tracklore/shared/errors';
import type { DbTx } from '../db.ts';
import type { Profile } from '../generated/prisma/client.ts';
import { awardBadgeBySlug, findBadgeBySlug, findUserBadge, type AwardedBadge } from '../repositories/badges.ts';
import type { UserServices } from '../services.ts';
import { ensureReference } from './references.ts';

/** Catalog slugs the rules award (seeded by prisma/user migrations; never renamed). */
export const RULE_BADGES = {
  firstGoal: 'first-goal',
  firstGoalCompleted: 'first-goal-completed',
  profileCompleted: 'profile-completed',
} as const;

/** Rule: a user with at least one goal has `first-goal` (run after a goal is created). */
export async function onGoalCreated(tx: DbTx, userId: number): Promise<void> {
  await awardBadgeBySlug(tx, userId, RULE_BADGES.firstGoal);
}

/** Rule: a user who completed a goal has `first-goal-completed` (run when a goal becomes COMPLETED). */
export async function onGoalCompleted(tx: DbTx, userId: number): Promise<void> {
  await awardBadgeBySlug(tx, userId, RULE_BADGES.firstGoalCompleted);
}

/** Rule: a profile with all four fields set earns `profile-completed` (run after a profile save). */
export async function onProfileSaved(tx: DbTx, profile: Profile): Promise<void> {
  if (profile.displayName && profile.bio && profile.avatarUrl && profile.location) {
    await awardBadgeBySlug(tx, profile.userId, RULE_BADGES.profileCompleted);
  }
}

/** An admin's award: the badge must exist and the user must exist at auth (read-repaired here). */
export async function awardBadgeManually(services: UserServices, userId: number, badgeSlug: string): Promise<AwardedBadge> {
  const badge = await findBadgeBySlug(services.db, badgeSlug);
  if (!badge) throw new AppError('NOT_FOUND', `no badge with slug ${JSON.stringify(badgeSlug)}`);
  await ensureReference(services, userId, 'target');
  await awardBadgeBySlug(services.db, userId, badge.slug);
  const awarded = await findUserBadge(services.db, userId, badge.id);
  if (!awarded) throw new Error(`badge ${badge.slug} for user ${userId} vanished right after it was awarded`);
  return awarded;
}

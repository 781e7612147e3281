// The reads behind User.profile, User.badges and User.goals, for a batch of users. They run on
// every `me` and every entity fetch, so they are raw SQL through Prisma ($queryRaw, typed rows)
// rather than Prisma's query interpreter: profile and badges come in ONE statement, goals in
// another. Rows keep the generated model types (Profile, UserBadge & Badge, LearningGoal), and
// test/user-fields.test.ts proves they equal what Prisma's own queries return, so schema.prisma
// stays the single description of these tables.
import type { Db } from '../db.ts';
import type { GoalStatus, LearningGoal, Profile } from '../generated/prisma/client.ts';
import type { AwardedBadge } from './badges.ts';

export interface ProfilesAndBadges {
  /** Saved profiles of the users asked for (none for a user who never saved one). */
  profiles: Profile[];
  /** Badges of the users asked for, per user in award order. */
  badges: AwardedBadge[];
}

interface ProfileBadgeRow {
  userId: number;
  profileUserId: number | null;
  displayName: string | null;
  bio: string | null;
  avatarUrl: string | null;
  location: string | null;
  updatedAt: Date | null;
  badgeId: number | null;
  awardedAt: Date | null;
  slug: string | null;
  name: string | null;
  description: string | null;
  iconUrl: string | null;
}

/**
 * One statement for both: a row per (user, badge), the user's profile columns beside each, and a
 * row with no badge for a user without any. Each join is limited to the ids that asked for it.
 */
export async function findProfilesAndBadges(db: Db, ids: { profiles: readonly number[]; badges: readonly number[] }): Promise<ProfilesAndBadges> {
  const all = [...new Set([...ids.profiles, ...ids.badges])];
  const rows = await db.$queryRaw<ProfileBadgeRow[]>`
    SELECT u.id AS "userId",
           p.user_id AS "profileUserId", p.display_name AS "displayName", p.bio, p.avatar_url AS "avatarUrl", p.location, p.updated_at AS "updatedAt",
           ub.badge_id AS "badgeId", ub.awarded_at AS "awardedAt", b.slug, b.name, b.description, b.icon_url AS "iconUrl"
    FROM unnest(${all}::int[]) AS u(id)
    LEFT JOIN profiles p ON p.user_id = u.id AND u.id = ANY(${[...ids.profiles]}::int[])
    LEFT JOIN user_badges ub ON ub.user_id = u.id AND u.id = ANY(${[...ids.badges]}::int[])
    LEFT JOIN badges b ON b.id = ub.badge_id
    ORDER BY u.id, ub.awarded_at, ub.badge_id`;
  const profiles: Profile[] = [];
  const badges: AwardedBadge[] = [];
  let previousProfile: number | undefined;
  for (const r of rows) {
    if (r.profileUserId !== null && r.profileUserId !== previousProfile) {
      previousProfile = r.profileUserId;
      profiles.push({ userId: r.profileUserId, displayName: r.displayName, bio: r.bio, avatarUrl: r.avatarUrl, location: r.location, updatedAt: r.updatedAt });
    }
    if (r.badgeId !== null) {
      badges.push({
        userId: r.userId,
        badgeId: r.badgeId,
        awardedAt: r.awardedAt!,
        badge: { id: r.badgeId, slug: r.slug!, name: r.name!, description: r.description!, iconUrl: r.iconUrl },
      });
    }
  }
  return { profiles, badges };
}

/** Every goal of the users asked for, oldest first. */
export async function findGoalsOfUsers(db: Db, userIds: readonly number[]): Promise<LearningGoal[]> {
  return db.$queryRaw<Array<Omit<LearningGoal, 'status'> & { status: GoalStatus }>>`
    SELECT id, user_id AS "userId", title, description, status::text AS status, progress, target_date AS "targetDate",
           created_at AS "createdAt", updated_at AS "updatedAt"
    FROM learning_goals WHERE user_id = ANY(${[...userIds]}::int[])
    ORDER BY created_at, id`;
}

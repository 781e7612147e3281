// The reads behind User.profile, User.badges and User.goals, for a batch of users. They run on
// every `me` and every entity fetch, so they are ONE raw SQL statement through Prisma ($queryRaw,
// typed rows) rather than Prisma's query interpreter: a statement costs the subgraph a pool
// checkout, a write to PostgreSQL and a parse of the answer, which together were about a quarter
// of its CPU on `me` (bench/README.md). Rows keep the generated model types (Profile,
// UserBadge & Badge, LearningGoal), and test/user-fields.test.ts proves they equal what Prisma's
// own queries return, so schema.prisma stays the single description of these tables.
import type { Db } from '../db.ts';
import type { GoalStatus, LearningGoal, Profile } from '../generated/prisma/client.ts';
import type { AwardedBadge } from './badges.ts';

/** Which users each part is read for (each part only for the ids that asked for it). */
export interface UserFieldIds {
  profiles: readonly number[];
  badges: readonly number[];
  goals: readonly number[];
}

export interface UserFields {
  /** Saved profiles of the users asked for (none for a user who never saved one). */
  profiles: Profile[];
  /** Badges of the users asked for, per user in award order. */
  badges: AwardedBadge[];
  /** Goals of the users asked for, per user oldest first. */
  goals: LearningGoal[];
}

/** A row of either kind: 'p' a (user, badge) pair with the user's profile beside it, 'g' a goal. */
interface UserFieldRow {
  kind: 'p' | 'g';
  userId: number;
  profileUserId: number | null;
  displayName: string | null;
  bio: string | null;
  avatarUrl: string | null;
  location: string | null;
  profileUpdatedAt: Date | null;
  badgeId: number | null;
  awardedAt: Date | null;
  slug: string | null;
  name: string | null;
  badgeDescription: string | null;
  iconUrl: string | null;
  goalId: number | null;
  title: string | null;
  goalDescription: string | null;
  status: GoalStatus | null;
  progress: number | null;
  targetDate: Date | null;
  createdAt: Date | null;
  goalUpdatedAt: Date | null;
}

/**
 * One statement for all three parts: a row per (user, badge) with the profile's columns beside
 * each (a row with no badge for a user without any), then a row per goal. Each part is limited
 * to the ids that asked for it, and an empty list costs an empty index scan, not a statement.
 */
export async function findUserFields(db: Db, ids: UserFieldIds): Promise<UserFields> {
  const publicIds = [...new Set([...ids.profiles, ...ids.badges])];
  const rows = await db.$queryRaw<UserFieldRow[]>`
    SELECT 'p' AS kind, u.id AS "userId",
           p.user_id AS "profileUserId", p.display_name AS "displayName", p.bio, p.avatar_url AS "avatarUrl", p.location,
           p.updated_at AS "profileUpdatedAt",
           ub.badge_id AS "badgeId", ub.awarded_at AS "awardedAt", b.slug, b.name, b.description AS "badgeDescription", b.icon_url AS "iconUrl",
           NULL::int AS "goalId", NULL::text AS title, NULL::text AS "goalDescription", NULL::text AS status, NULL::smallint AS progress,
           NULL::timestamptz AS "targetDate", NULL::timestamptz AS "createdAt", NULL::timestamptz AS "goalUpdatedAt"
    FROM unnest(${publicIds}::int[]) AS u(id)
    LEFT JOIN profiles p ON p.user_id = u.id AND u.id = ANY(${[...ids.profiles]}::int[])
    LEFT JOIN user_badges ub ON ub.user_id = u.id AND u.id = ANY(${[...ids.badges]}::int[])
    LEFT JOIN badges b ON b.id = ub.badge_id
    UNION ALL
    SELECT 'g', g.user_id,
           NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL, NULL,
           g.id, g.title, g.description, g.status::text, g.progress, g.target_date, g.created_at, g.updated_at
    FROM learning_goals g WHERE g.user_id = ANY(${[...ids.goals]}::int[])
    ORDER BY kind DESC, "userId", "awardedAt", "badgeId", "createdAt", "goalId"`;
  const fields: UserFields = { profiles: [], badges: [], goals: [] };
  let previousProfile: number | undefined;
  for (const r of rows) {
    if (r.kind === 'g') {
      fields.goals.push({
        id: r.goalId!,
        userId: r.userId,
        title: r.title!,
        description: r.goalDescription,
        status: r.status!,
        progress: r.progress!,
        targetDate: r.targetDate,
        createdAt: r.createdAt!,
        updatedAt: r.goalUpdatedAt!,
      });
      continue;
    }
    if (r.profileUserId !== null && r.profileUserId !== previousProfile) {
      previousProfile = r.profileUserId;
      fields.profiles.push({ userId: r.profileUserId, displayName: r.displayName, bio: r.bio, avatarUrl: r.avatarUrl, location: r.location, updatedAt: r.profileUpdatedAt });
    }
    if (r.badgeId !== null) {
      fields.badges.push({
        userId: r.userId,
        badgeId: r.badgeId,
        awardedAt: r.awardedAt!,
        badge: { id: r.badgeId, slug: r.slug!, name: r.name!, description: r.badgeDescription!, iconUrl: r.iconUrl },
      });
    }
  }
  return fields;
}

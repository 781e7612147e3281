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

/**
 * One row of the statement below. The three parts share generic columns, so a row is as narrow as
 * the widest part (Prisma maps every cell of the answer, and PostgreSQL sends it):
 *
 * | kind | s1          | s2          | s3          | s4        | t1          | t2          | t3          | n1        | n2         |
 * |------|-------------|-------------|-------------|-----------|-------------|-------------|-------------|-----------|------------|
 * | `p`  | displayName | bio         | avatarUrl   | location  | updatedAt   |             |             |           |            |
 * | `b`  | slug        | name        | description | iconUrl   | awardedAt   |             |             | badgeId   |            |
 * | `g`  | title       | description | status      |           | createdAt   | updatedAt   | targetDate  | id        | progress   |
 */
interface UserFieldRow {
  kind: 'p' | 'b' | 'g';
  userId: number;
  s1: string | null;
  s2: string | null;
  s3: string | null;
  s4: string | null;
  t1: Date | null;
  t2: Date | null;
  t3: Date | null;
  n1: number | null;
  n2: number | null;
}

/**
 * One statement for all three parts, each a plain index lookup limited to the ids that asked for it
 * (an empty list costs an empty index scan, not a statement). Simple branches matter: PostgreSQL
 * plans this unnamed statement on every call, and planning a version with LEFT JOINs over
 * unnest() took longer than running it.
 */
export async function findUserFields(db: Db, ids: UserFieldIds): Promise<UserFields> {
  const rows = await db.$queryRaw<UserFieldRow[]>`
    SELECT 'p' AS kind, p.user_id AS "userId", p.display_name AS s1, p.bio AS s2, p.avatar_url AS s3, p.location AS s4,
           p.updated_at AS t1, NULL::timestamptz AS t2, NULL::timestamptz AS t3, NULL::int AS n1, NULL::smallint AS n2
    FROM profiles p WHERE p.user_id = ANY(${[...ids.profiles]}::int[])
    UNION ALL
    SELECT 'b', ub.user_id, b.slug, b.name, b.description, b.icon_url, ub.awarded_at, NULL, NULL, ub.badge_id, NULL
    FROM user_badges ub JOIN badges b ON b.id = ub.badge_id WHERE ub.user_id = ANY(${[...ids.badges]}::int[])
    UNION ALL
    SELECT 'g', g.user_id, g.title, g.description, g.status::text, NULL, g.created_at, g.updated_at, g.target_date, g.id, g.progress
    FROM learning_goals g WHERE g.user_id = ANY(${[...ids.goals]}::int[])
    ORDER BY kind, "userId", t1, n1`;
  const fields: UserFields = { profiles: [], badges: [], goals: [] };
  for (const r of rows) {
    if (r.kind === 'p') {
      fields.profiles.push({ userId: r.userId, displayName: r.s1, bio: r.s2, avatarUrl: r.s3, location: r.s4, updatedAt: r.t1 });
    } else if (r.kind === 'b') {
      fields.badges.push({ userId: r.userId, badgeId: r.n1!, awardedAt: r.t1!, badge: { id: r.n1!, slug: r.s1!, name: r.s2!, description: r.s3!, iconUrl: r.s4 } });
    } else {
      fields.goals.push({
        id: r.n1!,
        userId: r.userId,
        title: r.s1!,
        description: r.s2,
        status: r.s3 as GoalStatus,
        progress: r.n2!,
        createdAt: r.t1!,
        updatedAt: r.t2!,
        targetDate: r.t3,
      });
    }
  }
  return fields;
}

// badges (the catalog, seeded by a migration) and user_badges (at most one award per user and badge).
import type { Db, DbTx } from '../db.ts';
import type { Badge, UserBadge } from '../generated/prisma/client.ts';

export type AwardedBadge = UserBadge & { badge: Badge };

export async function listBadges(db: Db): Promise<Badge[]> {
  return db.badge.findMany({ orderBy: { id: 'asc' } });
}

export async function findBadgeBySlug(db: Db, slug: string): Promise<Badge | null> {
  return db.badge.findUnique({ where: { slug } });
}

/** Awards the badge unless the user has it already (idempotent); true when this call awarded it. */
export async function awardBadgeBySlug(db: Db | DbTx, userId: number, slug: string): Promise<boolean> {
  const inserted = await db.$executeRaw`
    INSERT INTO user_badges (user_id, badge_id)
    SELECT ${userId}, id FROM badges WHERE slug = ${slug}
    ON CONFLICT (user_id, badge_id) DO NOTHING`;
  return inserted > 0;
}

export async function findUserBadge(db: Db, userId: number, badgeId: number): Promise<AwardedBadge | null> {
  return db.userBadge.findUnique({ where: { userId_badgeId: { userId, badgeId } }, include: { badge: true } });
}

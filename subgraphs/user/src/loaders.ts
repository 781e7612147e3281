// Per-request DataLoaders for the User fields. Resolving N users' profile and badges costs one
// SQL statement together, their goals one more, whatever N is (repositories/user-fields.ts).
import DataLoader from 'dataloader';
import type { Db } from './db.ts';
import type { LearningGoal, Profile } from './generated/prisma/client.ts';
import type { AwardedBadge } from './repositories/badges.ts';
import { findGoalsOfUsers, findProfilesAndBadges } from './repositories/user-fields.ts';

export interface Loaders {
  profile: { load(userId: number): Promise<Profile | null> };
  badges: { load(userId: number): Promise<AwardedBadge[]> };
  goals: DataLoader<number, LearningGoal[]>;
}

function groupBy<T>(ids: readonly number[], rows: T[], owner: (row: T) => number): T[][] {
  const byId = new Map<number, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) byId.get(owner(row))?.push(row);
  return ids.map((id) => byId.get(id) ?? []);
}

type PublicPart = { part: 'profile'; userId: number } | { part: 'badges'; userId: number };

export function createLoaders(db: Db): Loaders {
  // Profile and badges are both public and asked for in the same tick: one loader, keyed by part,
  // so a batch needs one statement for both (each part read only for the ids that asked for it).
  const publicParts = new DataLoader<PublicPart, Profile | null | AwardedBadge[], string>(
    async (keys) => {
      const profileIds = keys.filter((k) => k.part === 'profile').map((k) => k.userId);
      const badgeIds = keys.filter((k) => k.part === 'badges').map((k) => k.userId);
      const { profiles, badges } = await findProfilesAndBadges(db, { profiles: profileIds, badges: badgeIds });
      const profileOf = new Map(profiles.map((p) => [p.userId, p]));
      const grouped = groupBy(badgeIds, badges, (b) => b.userId);
      const badgesOf = new Map(badgeIds.map((id, i) => [id, grouped[i]!]));
      return keys.map((k) => (k.part === 'profile' ? (profileOf.get(k.userId) ?? null) : (badgesOf.get(k.userId) ?? [])));
    },
    { cacheKeyFn: (k) => `${k.part}:${k.userId}` },
  );
  return {
    profile: { load: (userId) => publicParts.load({ part: 'profile', userId }) as Promise<Profile | null> },
    badges: { load: (userId) => publicParts.load({ part: 'badges', userId }) as Promise<AwardedBadge[]> },
    goals: new DataLoader(async (ids) => groupBy(ids, await findGoalsOfUsers(db, ids), (g) => g.userId)),
  };
}

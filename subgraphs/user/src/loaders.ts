// Per-request DataLoaders for the User fields. Resolving N users' profile, badges and goals costs
// one SQL statement together, whatever N is (repositories/user-fields.ts): one loader for all
// three parts, so the parts asked for in the same tick share a batch. Goals are private and load
// after the viewer check; that check resolves without I/O once the token is verified (the
// verifier remembers tokens), so they join the profile and badges; with a token seen for the
// first time they come one batch later.
import DataLoader from 'dataloader';
import type { Db } from './db.ts';
import type { LearningGoal, Profile } from './generated/prisma/client.ts';
import type { AwardedBadge } from './repositories/badges.ts';
import { findUserFields } from './repositories/user-fields.ts';

export interface Loaders {
  profile: { load(userId: number): Promise<Profile | null> };
  badges: { load(userId: number): Promise<AwardedBadge[]> };
  goals: { load(userId: number): Promise<LearningGoal[]> };
}

type Part = 'profile' | 'badges' | 'goals';
type PartKey = { part: Part; userId: number };
type PartValue = Profile | null | AwardedBadge[] | LearningGoal[];

function groupBy<T>(ids: readonly number[], rows: T[], owner: (row: T) => number): Map<number, T[]> {
  const byId = new Map<number, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) byId.get(owner(row))?.push(row);
  return byId;
}

export function createLoaders(db: Db): Loaders {
  const parts = new DataLoader<PartKey, PartValue, string>(
    async (keys) => {
      const idsOf = (part: Part) => keys.filter((k) => k.part === part).map((k) => k.userId);
      const ids = { profiles: idsOf('profile'), badges: idsOf('badges'), goals: idsOf('goals') };
      const { profiles, badges, goals } = await findUserFields(db, ids);
      const profileOf = new Map(profiles.map((p) => [p.userId, p]));
      const badgesOf = groupBy(ids.badges, badges, (b) => b.userId);
      const goalsOf = groupBy(ids.goals, goals, (g) => g.userId);
      return keys.map((k) => (k.part === 'profile' ? (profileOf.get(k.userId) ?? null) : ((k.part === 'badges' ? badgesOf : goalsOf).get(k.userId) ?? [])));
    },
    { cacheKeyFn: (k) => `${k.part}:${k.userId}` },
  );
  return {
    profile: { load: (userId) => parts.load({ part: 'profile', userId }) as Promise<Profile | null> },
    badges: { load: (userId) => parts.load({ part: 'badges', userId }) as Promise<AwardedBadge[]> },
    goals: { load: (userId) => parts.load({ part: 'goals', userId }) as Promise<LearningGoal[]> },
  };
}

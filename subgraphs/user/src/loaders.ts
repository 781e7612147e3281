// Per-request DataLoaders for the User fields: resolving N users' profile, badges and goals costs
// one SQL statement per field kind (badges: two, for the badge rows), whatever N is.
import DataLoader from 'dataloader';
import type { Db } from './db.ts';
import type { LearningGoal, Profile } from './generated/prisma/client.ts';
import { findUserBadges, type AwardedBadge } from './repositories/badges.ts';
import { findGoalsOfUsers } from './repositories/goals.ts';
import { findProfiles } from './repositories/profiles.ts';

export interface Loaders {
  profile: DataLoader<number, Profile | null>;
  badges: DataLoader<number, AwardedBadge[]>;
  goals: DataLoader<number, LearningGoal[]>;
}

function groupBy<T>(ids: readonly number[], rows: T[], owner: (row: T) => number): T[][] {
  const byId = new Map<number, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) byId.get(owner(row))?.push(row);
  return ids.map((id) => byId.get(id) ?? []);
}

export function createLoaders(db: Db): Loaders {
  return {
    profile: new DataLoader(async (ids) => {
      const byId = new Map((await findProfiles(db, ids)).map((p) => [p.userId, p]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    badges: new DataLoader(async (ids) => groupBy(ids, await findUserBadges(db, ids), (b) => b.userId)),
    goals: new DataLoader(async (ids) => groupBy(ids, await findGoalsOfUsers(db, ids), (g) => g.userId)),
  };
}

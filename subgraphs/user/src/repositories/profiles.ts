// profiles: one row per user; columns are null until the user sets them.
import type { Db, DbTx } from '../db.ts';
import type { Profile } from '../generated/prisma/client.ts';

export type ProfileFields = Pick<Profile, 'displayName' | 'bio' | 'avatarUrl' | 'location'>;

/** Writes the given fields (undefined = keep) and returns the whole profile. */
export async function saveProfile(db: Db | DbTx, userId: number, changes: Partial<ProfileFields>, now: Date): Promise<Profile> {
  return db.profile.upsert({
    where: { userId },
    create: { userId, ...changes, updatedAt: now },
    update: { ...changes, updatedAt: now },
  });
}

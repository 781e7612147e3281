// Saving a profile, with the profile-completed rule in the same transaction.
import type { Profile } from '../generated/prisma/client.ts';
import { saveProfile, type ProfileFields } from '../repositories/profiles.ts';
import type { UserServices } from '../services.ts';
import { onProfileSaved } from './badges.ts';

export async function updateProfile(services: UserServices, userId: number, changes: Partial<ProfileFields>): Promise<Profile> {
  return services.db.$transaction(async (tx) => {
    const profile = await saveProfile(tx, userId, changes, services.clock.date());
    await onProfileSaved(tx, profile);
    return profile;
  });
}

/** What User.profile shows for a user who never saved one. */
export const emptyProfile = { displayName: null, bio: null, avatarUrl: null, location: null, updatedAt: null } as const;

// Profile form values ↔ UpdateProfileInput, the contract's length limits, and which avatar URLs
// the preview may load.
import { codePoints, fieldErrors, tooLong } from '../../ui/text-limits.ts';

/** The user subgraph's limits (DESIGN.md "Limits"), in code points of the trimmed value. */
export const PROFILE_LIMITS = { displayName: 100, location: 100, bio: 2000, avatarUrl: 2048 } as const;

export interface ProfileFormValues {
  displayName: string;
  bio: string;
  avatarUrl: string;
  location: string;
}

export interface ProfileInput {
  displayName: string | null;
  bio: string | null;
  avatarUrl: string | null;
  location: string | null;
}

const blankToNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** Every field is sent: a blank one clears the saved value (the contract's `null clears it`). */
export function toProfileInput(values: ProfileFormValues): ProfileInput {
  return {
    displayName: blankToNull(values.displayName),
    bio: values.bio.trim() === '' ? null : values.bio, // a bio keeps its own line breaks and spacing
    avatarUrl: blankToNull(values.avatarUrl),
    location: blankToNull(values.location),
  };
}

export function fromProfile(profile: { displayName: string | null; bio: string | null; avatarUrl: string | null; location: string | null }): ProfileFormValues {
  return { displayName: profile.displayName ?? '', bio: profile.bio ?? '', avatarUrl: profile.avatarUrl ?? '', location: profile.location ?? '' };
}

/** Field name → message for every value over its limit; empty when the form may be sent. */
export function profileFormErrors(values: ProfileFormValues): Record<string, string> {
  return fieldErrors({
    displayName: tooLong(values.displayName, PROFILE_LIMITS.displayName),
    location: tooLong(values.location, PROFILE_LIMITS.location),
    bio: tooLong(values.bio, PROFILE_LIMITS.bio),
    avatarUrl: tooLong(values.avatarUrl, PROFILE_LIMITS.avatarUrl),
  });
}

/**
 * The URL the avatar preview may load, or null: only what the server would accept (absolute
 * https, at most 2048 characters), so typing never makes the page fetch `javascript:` or
 * plain-http addresses.
 */
export function previewableAvatarUrl(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '' || codePoints(trimmed) > PROFILE_LIMITS.avatarUrl) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'https:' && url.hostname !== '' ? url.toString() : null;
  } catch {
    return null;
  }
}

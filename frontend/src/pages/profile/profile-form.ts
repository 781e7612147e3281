// Profile form values ↔ UpdateProfileInput, and which avatar URLs the preview may load.

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

/**
 * The URL the avatar preview may load, or null: only what the server would accept (absolute
 * https, at most 2048 characters), so typing never makes the page fetch `javascript:` or
 * plain-http addresses.
 */
export function previewableAvatarUrl(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > 2048) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'https:' && url.hostname !== '' ? url.toString() : null;
  } catch {
    return null;
  }
}

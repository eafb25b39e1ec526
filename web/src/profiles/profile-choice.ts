/**
 * The genre selector holds genre ids and the team's target profiles in one list; a profile's
 * option value carries this prefix, so the two can never be mistaken for each other.
 */
const PROFILE_PREFIX = 'profile:';

export const profileOptionValue = (profileId: string) => `${PROFILE_PREFIX}${profileId}`;

/** What the request sends for the selected option: a genre (null for auto) or a profile id. */
export function requestedProfile(value: string): { genre: string | null; profileId?: string } {
  if (value.startsWith(PROFILE_PREFIX)) {
    return { genre: null, profileId: value.slice(PROFILE_PREFIX.length) };
  }
  return { genre: value === 'auto' ? null : value };
}

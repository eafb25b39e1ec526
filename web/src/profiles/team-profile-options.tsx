'use client';

import { profileOptionValue } from './profile-choice.ts';
import { useTeamProfiles } from './use-team-profiles.ts';

/** The team's target profiles as options of the genre selector; nothing while there are none. */
export function TeamProfileOptions({ teamId }: { teamId: string }) {
  const { profiles } = useTeamProfiles(teamId);
  if (profiles.length === 0) return null;
  return (
    <optgroup label="Your target profiles">
      {profiles.map((profile) => (
        <option key={profile.id} value={profileOptionValue(profile.id)}>
          {profile.name} (from {profile.profile.basis.referenceCount} references)
        </option>
      ))}
    </optgroup>
  );
}

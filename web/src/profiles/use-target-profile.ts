import { useEffect, useState } from 'react';
import type { TargetProfile } from '../api/api-types.ts';
import { api } from '../api/endpoints.ts';

/**
 * A team target profile by id, or null while it loads, when none is asked for, and when it cannot
 * be read (deleted since, or read through a client link without an account).
 */
export function useTargetProfile(profileId: string | null): TargetProfile | null {
  const [profile, setProfile] = useState<TargetProfile | null>(null);
  useEffect(() => {
    setProfile(null);
    if (!profileId) return;
    let current = true;
    api.getProfile(profileId).then(
      (loaded) => current && setProfile(loaded),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [profileId]);
  return profile;
}

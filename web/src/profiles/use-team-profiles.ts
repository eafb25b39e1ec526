import { useCallback, useEffect, useState } from 'react';
import type { TargetProfile } from '../api/api-types.ts';
import { api } from '../api/endpoints.ts';
import { describeError } from '../lib/error-text.ts';

/** The team's target profiles, newest first, with a way to read them again after a change. */
export function useTeamProfiles(teamId: string) {
  const [profiles, setProfiles] = useState<TargetProfile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setProfiles(await api.listProfiles(teamId));
      setError(null);
    } catch (caught) {
      setError(describeError(caught));
    }
  }, [teamId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { profiles, error, reload };
}

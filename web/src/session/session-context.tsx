'use client';

import { usePathname, useRouter } from 'next/navigation';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { ApiError } from '../api/api-error.ts';
import type { Me, Team } from '../api/api-types.ts';
import { api } from '../api/endpoints.ts';

/** Where the browser remembers the team last worked in. */
export const TEAM_KEY = 'mixscope.teamId';

export interface Session {
  me: Me;
  team: Team;
  selectTeam: (teamId: string) => void;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider');
  return session;
}

/** The session, or null outside a SessionProvider (a component rendered on its own). */
export function useSessionIfAny(): Session | null {
  return useContext(SessionContext);
}

/** Loads the signed-in user and their teams; sends anyone without a session to the login page. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const [me, setMe] = useState<Me | null>(null);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const loaded = await api.me();
      setMe(loaded);
      const stored = window.localStorage.getItem(TEAM_KEY);
      const chosen = loaded.teams.find((team) => team.id === stored) ?? loaded.teams[0];
      setTeamId(chosen?.id ?? null);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        router.replace(`/login?next=${encodeURIComponent(pathname ?? '/projects')}`);
        return;
      }
      setFailure(error instanceof Error ? error.message : String(error));
    }
  }, [router, pathname]);

  useEffect(() => {
    void refresh();
    // Only on first mount: navigation inside the app keeps the session.
  }, []);

  const selectTeam = useCallback((id: string) => {
    window.localStorage.setItem(TEAM_KEY, id);
    setTeamId(id);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      window.localStorage.removeItem(TEAM_KEY);
      router.replace('/login');
    }
  }, [router]);

  const value = useMemo<Session | null>(() => {
    if (!me) return null;
    const team = me.teams.find((t) => t.id === teamId) ?? me.teams[0];
    if (!team) return null;
    return { me, team, selectTeam, refresh, logout };
  }, [me, teamId, selectTeam, refresh, logout]);

  if (failure) {
    return (
      <div className="center-page">
        <div className="panel error-panel" role="alert">
          <h2>MixScope cannot load your account</h2>
          <p>{failure}</p>
          <button className="button" onClick={() => window.location.reload()}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  if (!value) return <div className="center-page muted">Loading…</div>;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

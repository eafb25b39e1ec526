import { roleAllows, type TeamAction } from '@mixscope/contracts';
import { useSessionIfAny } from './session-context.tsx';

/**
 * Whether the caller's role allows the action, in the given team or else the current one: the
 * controls it forbids are not shown (the gateway refuses them anyway). Without a session, nothing
 * is allowed.
 */
export function useCan(action: TeamAction, teamId?: string): boolean {
  const session = useSessionIfAny();
  if (!session) return false;
  const team = teamId ? session.me.teams.find((t) => t.id === teamId) : session.team;
  return team ? roleAllows(team.role, action) : false;
}

/** Whether the caller may delete this analysis: any with deleteAnyAnalysis, their own with deleteOwnAnalysis. */
export function useCanDeleteAnalysis(analysis: { createdById: string } | null): boolean {
  const session = useSessionIfAny();
  const any = useCan('deleteAnyAnalysis');
  const own = useCan('deleteOwnAnalysis');
  if (!session || !analysis) return false;
  return any || (own && analysis.createdById === session.me.user.id);
}

import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { roleAllows, type TeamAction, type TeamRole } from '@mixscope/contracts';
import type { AuthContext } from '../auth/auth-context.ts';
import { DATABASE, type Database } from '@mixscope/service-kit';

/** What a refused action is called in the 403 message: "Your role (viewer) does not allow …". */
const ACTION_WORDS: Record<TeamAction, string> = {
  listen: 'listening to the team’s analyses',
  comment: 'commenting',
  analyse: 'creating projects, uploading or starting analyses',
  deleteOwnAnalysis: 'deleting analyses',
  deleteAnyAnalysis: 'deleting analyses that others created',
  share: 'sharing analyses',
  manageProfiles: 'creating or deleting target profiles',
  manageMembers: 'managing members and invitations',
};

/**
 * The one place that decides what a caller may do in a team. Membership comes first: anything
 * outside the caller's teams answers 404, so ids of other teams' things cannot even be confirmed
 * to exist. Within a team the role decides, by the table in contracts; a refusal answers 403.
 */
@Injectable()
export class TeamAccessService {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  requireMember(auth: AuthContext, teamId: string): void {
    if (!auth.teamIds.includes(teamId)) throw new NotFoundException('Not found');
  }

  /** The caller's role in the team, read now (a role changed since login applies at once). */
  async roleIn(auth: AuthContext, teamId: string): Promise<TeamRole> {
    this.requireMember(auth, teamId);
    const membership = await this.db.membership.findUnique({
      where: { teamId_userId: { teamId, userId: auth.userId } },
    });
    if (!membership) throw new NotFoundException('Not found');
    return membership.role;
  }

  /** The caller's role, if it allows the action; 404 outside the team, 403 for a role without it. */
  async requireAction(auth: AuthContext, teamId: string, action: TeamAction): Promise<TeamRole> {
    const role = await this.roleIn(auth, teamId);
    if (!roleAllows(role, action)) throw forbidden(role, action);
    return role;
  }

  /** Members delete what they created; owners and admins delete anything of the team. */
  async requireAnalysisDeletable(
    auth: AuthContext,
    analysis: { teamId: string; createdById: string },
  ): Promise<void> {
    const role = await this.roleIn(auth, analysis.teamId);
    if (roleAllows(role, 'deleteAnyAnalysis')) return;
    if (!roleAllows(role, 'deleteOwnAnalysis')) throw forbidden(role, 'deleteOwnAnalysis');
    if (analysis.createdById !== auth.userId) throw forbidden(role, 'deleteAnyAnalysis');
  }

  /** A Prisma `where` fragment restricting rows with a teamId column to the caller's teams. */
  scope(auth: AuthContext): { teamId: { in: string[] } } {
    return { teamId: { in: auth.teamIds } };
  }
}

function forbidden(role: TeamRole, action: TeamAction): ForbiddenException {
  return new ForbiddenException(
    `Your role in this team (${role}) does not allow ${ACTION_WORDS[action]}`,
  );
}

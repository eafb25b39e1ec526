import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context.ts';
import { DATABASE, type Database } from '@mixscope/service-kit';
import { roleAllows, type TeamAction, type TeamRole } from '@mixscope/contracts';

/**
 * The one place that decides team membership. Anything outside the caller's teams answers 404, so
 * ids of other teams' things cannot even be confirmed to exist.
 */
@Injectable()
export class TeamAccessService {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  requireMember(auth: AuthContext, teamId: string): void {
    if (!auth.teamIds.includes(teamId)) throw new NotFoundException('Not found');
  }

  async requireOwner(auth: AuthContext, teamId: string): Promise<void> {
    this.requireMember(auth, teamId);
    const membership = await this.db.membership.findUnique({
      where: { teamId_userId: { teamId, userId: auth.userId } },
    });
    if (membership?.role !== 'owner') throw new ForbiddenException('Only team owners can do this');
  }

  /** The caller's role in the team; 404 when the caller is not (or no longer) a member. */
  async roleIn(auth: AuthContext, teamId: string): Promise<TeamRole> {
    this.requireMember(auth, teamId);
    const membership = await this.db.membership.findUnique({
      where: { teamId_userId: { teamId, userId: auth.userId } },
    });
    if (!membership) throw new NotFoundException('Not found');
    return membership.role;
  }

  /** 404 outside the team, 403 when the caller's role does not grant the action. */
  async requireAction(auth: AuthContext, teamId: string, action: TeamAction): Promise<void> {
    const role = await this.roleIn(auth, teamId);
    if (!roleAllows(role, action))
      throw new ForbiddenException(`Your role in this team (${role}) does not allow this`);
  }

  /** A Prisma `where` fragment restricting rows with a teamId column to the caller's teams. */
  scope(auth: AuthContext): { teamId: { in: string[] } } {
    return { teamId: { in: auth.teamIds } };
  }
}

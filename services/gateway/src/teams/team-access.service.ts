import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { roleAllows, type TeamAction } from '@mixscope/contracts';
import type { AuthContext } from '../auth/auth-context.ts';
import { DATABASE, type Database } from '@mixscope/service-kit';

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

  /** 404 outside the caller's teams, 403 when the caller's role does not grant `action`. */
  async requireAction(auth: AuthContext, teamId: string, action: TeamAction): Promise<void> {
    this.requireMember(auth, teamId);
    const membership = await this.db.membership.findUnique({
      where: { teamId_userId: { teamId, userId: auth.userId } },
    });
    if (!membership || !roleAllows(membership.role, action))
      throw new ForbiddenException(`Your role in this team does not allow this (${action})`);
  }

  /** A Prisma `where` fragment restricting rows with a teamId column to the caller's teams. */
  scope(auth: AuthContext): { teamId: { in: string[] } } {
    return { teamId: { in: auth.teamIds } };
  }
}

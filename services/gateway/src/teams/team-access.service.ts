import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
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

  /** A Prisma `where` fragment restricting rows with a teamId column to the caller's teams. */
  scope(auth: AuthContext): { teamId: { in: string[] } } {
    return { teamId: { in: auth.teamIds } };
  }
}

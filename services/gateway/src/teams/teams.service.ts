import {
  ConflictException,
  ForbiddenException,
  GoneException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { AcceptInviteResponse, InviteResponse } from '@mixscope/contracts';
import type { AuthContext } from '../auth/auth-context.ts';
import { normalizeEmail } from '../auth/auth.service.ts';
import { digestToken, INVITE_TOKEN_PREFIX, newSecretToken } from '../auth/secret-token.ts';
import { toTeamDto } from '../common/dto-mappers.ts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { DATABASE, type Database } from '@mixscope/service-kit';
import type { CreateInviteDto } from './team.dto.ts';
import { MembershipChanges } from './membership-changes.ts';
import { TeamAccessService } from './team-access.service.ts';

@Injectable()
export class TeamsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly access: TeamAccessService,
    private readonly memberships: MembershipChanges,
  ) {}

  async invite(auth: AuthContext, teamId: string, dto: CreateInviteDto): Promise<InviteResponse> {
    await this.access.requireOwner(auth, teamId);
    const token = newSecretToken(INVITE_TOKEN_PREFIX);
    const invite = await this.db.invite.create({
      data: {
        teamId,
        email: normalizeEmail(dto.email),
        role: dto.role ?? 'member',
        tokenHash: digestToken(token),
        invitedById: auth.userId,
        expiresAt: new Date(Date.now() + this.config.auth.inviteTtlHours * 3_600_000),
      },
    });
    return {
      invite: {
        id: invite.id,
        teamId: invite.teamId,
        email: invite.email,
        role: invite.role,
        expiresAt: invite.expiresAt.toISOString(),
      },
      token,
    };
  }

  async accept(auth: AuthContext, token: string): Promise<AcceptInviteResponse> {
    const invite = await this.db.invite.findUnique({
      where: { tokenHash: digestToken(token) },
      include: { team: true },
    });
    if (!invite) throw new NotFoundException('Not found');
    if (invite.acceptedAt) throw new GoneException('This invitation has already been used');
    if (invite.expiresAt <= new Date()) throw new GoneException('This invitation has expired');
    const user = await this.db.user.findUniqueOrThrow({ where: { id: auth.userId } });
    if (user.email !== invite.email) {
      throw new ForbiddenException('This invitation was sent to another email address');
    }
    const membership = await this.db.$transaction(async (tx) => {
      const claimed = await tx.invite.updateMany({
        where: { id: invite.id, acceptedAt: null },
        data: { acceptedAt: new Date(), acceptedById: auth.userId },
      });
      if (claimed.count === 0) throw new GoneException('This invitation has already been used');
      return tx.membership.upsert({
        where: { teamId_userId: { teamId: invite.teamId, userId: auth.userId } },
        create: { teamId: invite.teamId, userId: auth.userId, role: invite.role },
        update: {},
      });
    });
    await this.memberships.announce({ kind: 'joined', teamId: invite.teamId, userId: auth.userId });
    return { team: toTeamDto(invite.team, membership.role) };
  }

  /**
   * Ends a membership: an owner removes anyone, a member only themself; the last owner stays. The
   * user's open sockets have left the team's rooms when this returns.
   */
  async removeMember(auth: AuthContext, teamId: string, userId: string): Promise<void> {
    if (userId === auth.userId) this.access.requireMember(auth, teamId);
    else await this.access.requireOwner(auth, teamId);
    await this.db.$transaction(async (tx) => {
      // Locks the team's memberships, so two owners removing each other cannot leave it ownerless.
      await tx.$queryRaw`SELECT 1 FROM memberships WHERE team_id = ${teamId}::uuid FOR UPDATE`;
      const membership = await tx.membership.findUnique({
        where: { teamId_userId: { teamId, userId } },
      });
      if (!membership) throw new NotFoundException('Not found');
      if (membership.role === 'owner') {
        const owners = await tx.membership.count({ where: { teamId, role: 'owner' } });
        if (owners <= 1)
          throw new ConflictException('A team keeps at least one owner; make another owner first');
      }
      await tx.membership.delete({ where: { teamId_userId: { teamId, userId } } });
    });
    await this.memberships.announce({ kind: 'left', teamId, userId });
  }
}

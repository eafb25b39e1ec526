import {
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import {
  assignableRoles,
  type AcceptInviteResponse,
  type InviteResponse,
  type MemberDto,
  type PendingInviteDto,
  type TeamRole,
} from '@mixscope/contracts';
import type { Prisma } from '@mixscope/db';
import type { AuthContext } from '../auth/auth-context.ts';
import { normalizeEmail } from '../auth/auth.service.ts';
import { digestToken, INVITE_TOKEN_PREFIX, newSecretToken } from '../auth/secret-token.ts';
import { toTeamDto } from '../common/dto-mappers.ts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { DATABASE, type Database } from '@mixscope/service-kit';
import { inviteLink, inviteMail } from '../mail/invite-mail.ts';
import { MailService } from '../mail/mail.service.ts';
import { claimInvite, pendingInviteWhere } from './invite-claim.ts';
import type { CreateInviteDto } from './team.dto.ts';
import { MembershipChanges } from './membership-changes.ts';
import { TeamAccessService } from './team-access.service.ts';

const LAST_OWNER = 'A team keeps at least one owner; make another member an owner first';

@Injectable()
export class TeamsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly access: TeamAccessService,
    private readonly memberships: MembershipChanges,
    private readonly mail: MailService,
  ) {}

  async invite(auth: AuthContext, teamId: string, dto: CreateInviteDto): Promise<InviteResponse> {
    const by = await this.access.requireAction(auth, teamId, 'manageMembers');
    const role = dto.role ?? 'member';
    requireAssignable(by, role);
    const token = newSecretToken(INVITE_TOKEN_PREFIX);
    const invite = await this.db.invite.create({
      data: {
        teamId,
        email: normalizeEmail(dto.email),
        role,
        tokenHash: digestToken(token),
        invitedById: auth.userId,
        expiresAt: new Date(Date.now() + this.config.auth.inviteTtlHours * 3_600_000),
      },
      include: { team: true, invitedBy: true },
    });
    const emailed = await this.mail.send(
      inviteMail({
        to: invite.email,
        teamName: invite.team.name,
        inviterName: invite.invitedBy.name,
        role: invite.role,
        link: inviteLink(this.config.mail.publicUrl, token),
        expiresAt: invite.expiresAt,
      }),
    );
    return {
      invite: {
        id: invite.id,
        teamId: invite.teamId,
        email: invite.email,
        role: invite.role,
        expiresAt: invite.expiresAt.toISOString(),
      },
      token,
      emailed,
    };
  }

  async listInvites(auth: AuthContext, teamId: string): Promise<PendingInviteDto[]> {
    await this.access.requireAction(auth, teamId, 'manageMembers');
    const invites = await this.db.invite.findMany({
      where: { teamId, ...pendingInviteWhere(new Date()) },
      include: { invitedBy: true },
      orderBy: { createdAt: 'desc' },
    });
    return invites.map((invite) => ({
      id: invite.id,
      email: invite.email,
      role: invite.role,
      invitedBy: { id: invite.invitedBy.id, name: invite.invitedBy.name },
      createdAt: invite.createdAt.toISOString(),
      expiresAt: invite.expiresAt.toISOString(),
    }));
  }

  /** Revokes a pending invitation: its token is refused from now on. */
  async revokeInvite(auth: AuthContext, teamId: string, inviteId: string): Promise<void> {
    const by = await this.access.requireAction(auth, teamId, 'manageMembers');
    const invite = await this.db.invite.findFirst({
      where: { id: inviteId, teamId, ...pendingInviteWhere(new Date()) },
    });
    if (!invite) throw new NotFoundException('Not found');
    requireAssignable(by, invite.role);
    await this.db.invite.updateMany({
      where: { id: invite.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }

  async accept(auth: AuthContext, token: string): Promise<AcceptInviteResponse> {
    const user = await this.db.user.findUniqueOrThrow({ where: { id: auth.userId } });
    const joined = await this.db.$transaction((tx) => claimInvite(tx, token, user));
    await this.memberships.announce({ kind: 'joined', teamId: joined.team.id, userId: user.id });
    return { team: toTeamDto(joined.team, joined.role) };
  }

  async listMembers(auth: AuthContext, teamId: string): Promise<MemberDto[]> {
    await this.access.requireAction(auth, teamId, 'listen');
    const members = await this.db.membership.findMany({
      where: { teamId },
      include: { user: true },
      orderBy: { createdAt: 'asc' },
    });
    return members.map((m) => ({
      userId: m.userId,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      joinedAt: m.createdAt.toISOString(),
    }));
  }

  /** Owners and admins change roles; an admin neither makes nor touches owners; the last owner stays. */
  async updateRole(
    auth: AuthContext,
    teamId: string,
    userId: string,
    role: TeamRole,
  ): Promise<MemberDto> {
    const by = await this.access.requireAction(auth, teamId, 'manageMembers');
    requireAssignable(by, role);
    await this.db.$transaction(async (tx) => {
      const membership = await lockedMembership(tx, teamId, userId);
      requireAssignable(by, membership.role);
      if (membership.role === 'owner' && role !== 'owner') await requireAnotherOwner(tx, teamId);
      await tx.membership.update({ where: { teamId_userId: { teamId, userId } }, data: { role } });
    });
    const member = (await this.listMembers(auth, teamId)).find((m) => m.userId === userId);
    if (!member) throw new NotFoundException('Not found');
    return member;
  }

  /**
   * Ends a membership: owners and admins remove others (an admin no owner), anyone may leave; the
   * last owner stays. The user's open sockets have left the team's rooms when this returns.
   */
  async removeMember(auth: AuthContext, teamId: string, userId: string): Promise<void> {
    const by =
      userId === auth.userId
        ? await this.access.roleIn(auth, teamId)
        : await this.access.requireAction(auth, teamId, 'manageMembers');
    await this.db.$transaction(async (tx) => {
      const membership = await lockedMembership(tx, teamId, userId);
      if (userId !== auth.userId) requireAssignable(by, membership.role);
      if (membership.role === 'owner') await requireAnotherOwner(tx, teamId);
      await tx.membership.delete({ where: { teamId_userId: { teamId, userId } } });
    });
    await this.memberships.announce({ kind: 'left', teamId, userId });
  }
}

function requireAssignable(by: TeamRole, role: TeamRole): void {
  if (!assignableRoles(by).includes(role)) {
    throw new ForbiddenException(`Only an owner can give, change or take away the ${role} role`);
  }
}

/**
 * The membership, with the team's memberships locked: two owners demoting or removing each other
 * at once cannot leave the team without one.
 */
async function lockedMembership(tx: Prisma.TransactionClient, teamId: string, userId: string) {
  await tx.$queryRaw`SELECT 1 FROM memberships WHERE team_id = ${teamId}::uuid FOR UPDATE`;
  const membership = await tx.membership.findUnique({
    where: { teamId_userId: { teamId, userId } },
  });
  if (!membership) throw new NotFoundException('Not found');
  return membership;
}

async function requireAnotherOwner(tx: Prisma.TransactionClient, teamId: string): Promise<void> {
  const owners = await tx.membership.count({ where: { teamId, role: 'owner' } });
  if (owners <= 1) throw new ConflictException(LAST_OWNER);
}

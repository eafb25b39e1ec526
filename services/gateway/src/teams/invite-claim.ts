import { ForbiddenException, GoneException, NotFoundException } from '@nestjs/common';
import type { Prisma } from '@mixscope/db';
import type { TeamRole } from '@mixscope/contracts';
import { digestToken } from '../auth/secret-token.ts';

/** Pending: neither accepted nor revoked nor expired (the invites list and the accept check agree). */
export const pendingInviteWhere = (now: Date) => ({
  acceptedAt: null,
  revokedAt: null,
  expiresAt: { gt: now },
});

/**
 * Spends an invitation on a user, inside the caller's transaction: checks it is pending and sent to
 * the user's address, marks it accepted (once, under concurrency) and makes the membership.
 */
export async function claimInvite(
  tx: Prisma.TransactionClient,
  token: string,
  user: { id: string; email: string },
): Promise<{ team: { id: string; name: string }; role: TeamRole }> {
  const invite = await tx.invite.findUnique({
    where: { tokenHash: digestToken(token) },
    include: { team: true },
  });
  if (!invite) throw new NotFoundException('This invitation does not exist');
  if (invite.revokedAt) throw new GoneException('This invitation has been revoked');
  if (invite.acceptedAt) throw new GoneException('This invitation has already been used');
  if (invite.expiresAt <= new Date()) throw new GoneException('This invitation has expired');
  if (user.email !== invite.email) {
    throw new ForbiddenException('This invitation was sent to another email address');
  }
  const claimed = await tx.invite.updateMany({
    where: { id: invite.id, ...pendingInviteWhere(new Date()) },
    data: { acceptedAt: new Date(), acceptedById: user.id },
  });
  if (claimed.count === 0) throw new GoneException('This invitation is no longer valid');
  const membership = await tx.membership.upsert({
    where: { teamId_userId: { teamId: invite.teamId, userId: user.id } },
    create: { teamId: invite.teamId, userId: user.id, role: invite.role },
    update: {},
  });
  return { team: invite.team, role: membership.role };
}

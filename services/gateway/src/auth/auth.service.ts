import { FailureLimiter } from '../throttling/failure-limiter.ts';
import { ConflictException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type {
  ApiTokenResponse,
  LoginResponse,
  MeResponse,
  SignupResponse,
} from '@mixscope/contracts';
import { claimInvite } from '../teams/invite-claim.ts';
import { isUniqueViolation } from '../common/prisma-errors.ts';
import { toTeamDto, toUserDto } from '../common/dto-mappers.ts';
import { DATABASE, type Database } from '@mixscope/service-kit';
import type { AuthContext } from './auth-context.ts';
import type { CreateApiTokenDto, LoginDto, SignupDto } from './auth.dto.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { API_TOKEN_PREFIX, digestToken, newSecretToken } from './secret-token.ts';
import { SessionRevocations } from './session-revocations.ts';
import { SessionService } from './session.service.ts';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

@Injectable()
export class AuthService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly sessions: SessionService,
    private readonly revocations: SessionRevocations,
    private readonly failures: FailureLimiter,
  ) {}

  async signup(dto: SignupDto): Promise<SignupResponse> {
    const passwordHash = await hashPassword(dto.password);
    try {
      const { user, team, role } = await this.db.$transaction(async (tx) => {
        const user = await tx.user.create({
          data: { email: normalizeEmail(dto.email), name: dto.name.trim(), passwordHash },
        });
        // An invitee joins the inviting team and is not asked to found one.
        if (dto.inviteToken) return { user, ...(await claimInvite(tx, dto.inviteToken, user)) };
        const team = await tx.team.create({ data: { name: (dto.teamName ?? '').trim() } });
        await tx.membership.create({ data: { teamId: team.id, userId: user.id, role: 'owner' } });
        return { user, team, role: 'owner' as const };
      });
      const accessToken = await this.sessions.startSession(user.id);
      return { user: toUserDto(user), team: toTeamDto(team, role), accessToken };
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictException('An account with this email already exists');
      throw error;
    }
  }

  async login(dto: LoginDto): Promise<LoginResponse> {
    const email = normalizeEmail(dto.email);
    // Per account, whether or not it exists, so the limit tells nothing about who is registered.
    const account = `email:${email}`;
    await this.failures.assertAllowed(
      'login-account',
      account,
      'Too many failed logins for this account; try again later',
    );
    const user = await this.db.user.findUnique({ where: { email } });
    const valid = await verifyPassword(user?.passwordHash ?? null, dto.password);
    if (!user || !valid) {
      await this.failures.recordFailure('login-account', account);
      throw new UnauthorizedException('Wrong email or password');
    }
    return { accessToken: await this.sessions.startSession(user.id) };
  }

  async logout(credential: string | null): Promise<void> {
    if (!credential) return;
    const auth = await this.sessions.resolve(credential);
    if (!auth?.sessionId) return;
    await this.sessions.endSession(auth.sessionId);
    this.revocations.announce({ sessionId: auth.sessionId });
  }

  async me(auth: AuthContext): Promise<MeResponse> {
    const user = await this.db.user.findUniqueOrThrow({
      where: { id: auth.userId },
      include: { memberships: { include: { team: true }, orderBy: { createdAt: 'asc' } } },
    });
    return {
      user: toUserDto(user),
      teams: user.memberships.map((m) => toTeamDto(m.team, m.role)),
    };
  }

  async createApiToken(auth: AuthContext, dto: CreateApiTokenDto): Promise<ApiTokenResponse> {
    const token = newSecretToken(API_TOKEN_PREFIX);
    const expiresAt = dto.expiresInDays
      ? new Date(Date.now() + dto.expiresInDays * 86_400_000)
      : null;
    const row = await this.db.apiToken.create({
      data: {
        userId: auth.userId,
        name: dto.name.trim(),
        tokenHash: digestToken(token),
        expiresAt,
      },
    });
    return {
      id: row.id,
      name: row.name,
      token,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt?.toISOString() ?? null,
    };
  }

  async listApiTokens(auth: AuthContext) {
    const rows = await this.db.apiToken.findMany({
      where: { userId: auth.userId, revokedAt: null },
      orderBy: { createdAt: 'desc' },
    });
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt?.toISOString() ?? null,
      lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    }));
  }

  /** Returns false when the token is not the caller's (answered as 404). */
  async revokeApiToken(auth: AuthContext, tokenId: string): Promise<boolean> {
    const { count } = await this.db.apiToken.updateMany({
      where: { id: tokenId, userId: auth.userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count > 0) this.revocations.announce({ apiTokenId: tokenId });
    return count > 0;
  }
}

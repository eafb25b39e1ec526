import { FailureLimiter } from '../throttling/failure-limiter.ts';
import {
  ConflictException,
  GoneException,
  Inject,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import type {
  ApiTokenResponse,
  LoginResponse,
  MeResponse,
  SignupPendingResponse,
  SignupResponse,
} from '@mixscope/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { MailService } from '../mail/mail.service.ts';
import { alreadyRegisteredMail, confirmSignupMail, signupLink } from '../mail/signup-mail.ts';
import { claimInvite } from '../teams/invite-claim.ts';
import { isUniqueViolation } from '../common/prisma-errors.ts';
import { toTeamDto, toUserDto } from '../common/dto-mappers.ts';
import { DATABASE, type Database } from '@mixscope/service-kit';
import type { AuthContext } from './auth-context.ts';
import type { CreateApiTokenDto, LoginDto, SignupDto, VerifySignupDto } from './auth.dto.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { API_TOKEN_PREFIX, digestToken, newSecretToken } from './secret-token.ts';

/** How long a mailed sign-up link works. */
const SIGNUP_LINK_TTL_MS = 24 * 3600 * 1000;
import { SessionRevocations } from './session-revocations.ts';
import { SessionService } from './session.service.ts';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly sessions: SessionService,
    private readonly revocations: SessionRevocations,
    private readonly failures: FailureLimiter,
    private readonly mail: MailService,
  ) {}

  /**
   * An invitation was mailed to its address, so signing up with one opens the account at once.
   * Any other sign-up answers the same whether or not the address is registered: the account is
   * made only when the link mailed to the address comes back (verifySignup).
   */
  async signup(dto: SignupDto): Promise<SignupResponse | SignupPendingResponse> {
    if (dto.inviteToken) return this.signupFromInvite(dto, dto.inviteToken);
    const email = normalizeEmail(dto.email);
    // Hashed on both paths, so the time taken tells nothing either.
    const passwordHash = await hashPassword(dto.password);
    const registered = await this.db.user.findUnique({ where: { email }, select: { id: true } });
    if (registered) {
      this.mailLater(alreadyRegisteredMail(email, `${this.config.mail.publicUrl}/login`));
    } else {
      const token = newSecretToken('msu_');
      const expiresAt = new Date(Date.now() + SIGNUP_LINK_TTL_MS);
      await this.db.signupRequest.create({
        data: {
          email,
          name: dto.name.trim(),
          teamName: (dto.teamName ?? '').trim(),
          passwordHash,
          tokenHash: digestToken(token),
          expiresAt,
        },
      });
      this.mailLater(
        confirmSignupMail(email, signupLink(this.config.mail.publicUrl, token), expiresAt),
      );
    }
    return {
      status: 'check-email',
      email,
      message: `Check ${email} for a link to finish signing up`,
    };
  }

  /** The mailed link came back: the account and its team are made, and a session starts. */
  async verifySignup(dto: VerifySignupDto): Promise<SignupResponse> {
    const request = await this.db.signupRequest.findUnique({
      where: { tokenHash: digestToken(dto.token) },
    });
    if (!request || request.completedAt || request.expiresAt <= new Date())
      throw new GoneException('This sign-up link has expired or was already used; sign up again');
    try {
      const { user, team } = await this.db.$transaction(async (tx) => {
        const claimed = await tx.signupRequest.updateMany({
          where: { id: request.id, completedAt: null },
          data: { completedAt: new Date() },
        });
        if (claimed.count === 0) throw new GoneException('This sign-up link was already used');
        const user = await tx.user.create({
          data: { email: request.email, name: request.name, passwordHash: request.passwordHash },
        });
        const team = await tx.team.create({ data: { name: request.teamName } });
        await tx.membership.create({ data: { teamId: team.id, userId: user.id, role: 'owner' } });
        return { user, team };
      });
      const accessToken = await this.sessions.startSession(user.id);
      return { user: toUserDto(user), team: toTeamDto(team, 'owner'), accessToken };
    } catch (error) {
      // Whoever holds the link reads that address's mail: telling them is no leak.
      if (isUniqueViolation(error))
        throw new ConflictException('This address already has an account; log in instead');
      throw error;
    }
  }

  private async signupFromInvite(dto: SignupDto, inviteToken: string): Promise<SignupResponse> {
    const passwordHash = await hashPassword(dto.password);
    try {
      const { user, team, role } = await this.db.$transaction(async (tx) => {
        const user = await tx.user.create({
          data: { email: normalizeEmail(dto.email), name: dto.name.trim(), passwordHash },
        });
        return { user, ...(await claimInvite(tx, inviteToken, user)) };
      });
      const accessToken = await this.sessions.startSession(user.id);
      return { user: toUserDto(user), team: toTeamDto(team, role), accessToken };
    } catch (error) {
      // The invitation was mailed to this address, so its holder may learn it is registered.
      if (isUniqueViolation(error))
        throw new ConflictException(
          'This address already has an account; log in to accept the invitation',
        );
      throw error;
    }
  }

  /** Sent after the answer, so how long the SMTP server takes tells nothing about the address. */
  private mailLater(mail: Parameters<MailService['send']>[0]): void {
    void this.mail.send(mail).then((sent) => {
      if (!sent) this.logger.warn(`the sign-up mail to ${mail.to} was not sent`);
    });
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

import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { DATABASE, type Database } from '@mixscope/service-kit';
import type { AuthContext } from './auth-context.ts';
import { API_TOKEN_PREFIX, digestToken } from './secret-token.ts';

interface SessionClaims {
  sub: string;
  sid: string;
}

/** Issues session JWTs and turns a presented credential (JWT or API token) into an AuthContext. */
@Injectable()
export class SessionService {
  private readonly jwt: JwtService;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(DATABASE) private readonly db: Database,
  ) {
    this.jwt = new JwtService({
      secret: config.auth.jwtSecret,
      signOptions: { algorithm: 'HS256', expiresIn: config.auth.jwtTtlSec },
      verifyOptions: { algorithms: ['HS256'] },
    });
  }

  async startSession(userId: string): Promise<string> {
    const expiresAt = new Date(Date.now() + this.config.auth.jwtTtlSec * 1000);
    const session = await this.db.session.create({ data: { userId, expiresAt } });
    const claims: SessionClaims = { sub: userId, sid: session.id };
    return this.jwt.signAsync(claims);
  }

  async endSession(sessionId: string): Promise<void> {
    await this.db.session.updateMany({
      where: { id: sessionId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }

  /** The caller behind a credential, or null when it is missing, forged, expired or revoked. */
  async resolve(credential: string): Promise<AuthContext | null> {
    const resolved = credential.startsWith(API_TOKEN_PREFIX)
      ? await this.resolveApiToken(credential)
      : await this.resolveJwt(credential);
    if (!resolved) return null;
    const memberships = await this.db.membership.findMany({
      where: { userId: resolved.userId },
      select: { teamId: true },
    });
    return { ...resolved, teamIds: memberships.map((m) => m.teamId) };
  }

  private async resolveJwt(token: string): Promise<Omit<AuthContext, 'teamIds'> | null> {
    let claims: SessionClaims;
    try {
      claims = await this.jwt.verifyAsync<SessionClaims>(token);
    } catch {
      return null;
    }
    if (typeof claims.sid !== 'string' || typeof claims.sub !== 'string') return null;
    const session = await this.db.session.findUnique({ where: { id: claims.sid } });
    if (
      !session ||
      session.userId !== claims.sub ||
      session.revokedAt ||
      session.expiresAt <= new Date()
    ) {
      return null;
    }
    return { userId: session.userId, sessionId: session.id };
  }

  private async resolveApiToken(token: string): Promise<Omit<AuthContext, 'teamIds'> | null> {
    const row = await this.db.apiToken.findUnique({ where: { tokenHash: digestToken(token) } });
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= new Date())) return null;
    // Bookkeeping only: a failure here must not fail the request.
    void this.db.apiToken
      .update({ where: { id: row.id }, data: { lastUsedAt: new Date() } })
      .catch(() => undefined);
    return { userId: row.userId, apiTokenId: row.id };
  }
}

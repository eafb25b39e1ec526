import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { DATABASE, type Database } from '@mixscope/service-kit';
import type { Subscription } from 'rxjs';
import { MembershipChanges } from '../teams/membership-changes.ts';
import type { AuthContext } from './auth-context.ts';
import { CredentialCache, type Confirmed } from './credential-cache.ts';
import { CredentialInvalidations } from './credential-invalidations.ts';
import { API_TOKEN_PREFIX, digestToken } from './secret-token.ts';
import { SessionRevocations } from './session-revocations.ts';

interface SessionClaims {
  sub: string;
  sid: string;
}

type Resolved = Omit<AuthContext, 'teamIds'> & { expiresAt: Date | null };

/** Issues session JWTs and turns a presented credential (JWT or API token) into an AuthContext. */
@Injectable()
export class SessionService implements OnModuleDestroy {
  private readonly jwt: JwtService;
  private readonly recent = new CredentialCache();
  private readonly revocationSubscription: Subscription;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(DATABASE) private readonly db: Database,
    revocations: SessionRevocations,
    memberships: MembershipChanges,
    invalidations: CredentialInvalidations,
  ) {
    this.jwt = new JwtService({
      secret: config.auth.jwtSecret,
      signOptions: { algorithm: 'HS256', expiresIn: config.auth.jwtTtlSec },
      verifyOptions: { algorithms: ['HS256'] },
    });
    invalidations.listen((invalidation) => this.recent.forget(invalidation));
    this.revocationSubscription = revocations.revoked.subscribe(
      (revocation) => void invalidations.announce(revocation),
    );
    memberships.listen((change) => invalidations.announce({ userId: change.userId }));
  }

  onModuleDestroy(): void {
    this.revocationSubscription.unsubscribe();
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
    return this.recent.resolve(credential, () => this.confirm(credential));
  }

  private async confirm(credential: string): Promise<Confirmed | null> {
    const resolved = credential.startsWith(API_TOKEN_PREFIX)
      ? await this.resolveApiToken(credential)
      : await this.resolveJwt(credential);
    if (!resolved) return null;
    const { expiresAt, ...caller } = resolved;
    const memberships = await this.db.membership.findMany({
      where: { userId: caller.userId },
      select: { teamId: true },
    });
    return { auth: { ...caller, teamIds: memberships.map((m) => m.teamId) }, expiresAt };
  }

  /** The caller, if the database confirmed this credential moments ago (see CredentialCache). */
  recentlyConfirmed(credential: string): AuthContext | undefined {
    return this.recent.get(credential);
  }

  private async resolveJwt(token: string): Promise<Resolved | null> {
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
    return { userId: session.userId, sessionId: session.id, expiresAt: session.expiresAt };
  }

  private async resolveApiToken(token: string): Promise<Resolved | null> {
    const row = await this.db.apiToken.findUnique({ where: { tokenHash: digestToken(token) } });
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= new Date())) return null;
    // Bookkeeping only: a failure here must not fail the request.
    void this.db.apiToken
      .update({ where: { id: row.id }, data: { lastUsedAt: new Date() } })
      .catch(() => undefined);
    return { userId: row.userId, apiTokenId: row.id, expiresAt: row.expiresAt };
  }
}

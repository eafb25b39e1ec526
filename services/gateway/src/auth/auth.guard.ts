import {
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { IS_PUBLIC, type AuthContext, type AuthenticatedRequest } from './auth-context.ts';
import { FailureLimiter } from '../throttling/failure-limiter.ts';
import { SessionService } from './session.service.ts';

/** The credential a request carries: a Bearer token (API clients) or the session cookie (browsers). */
export function credentialOf(
  authorization: string | undefined,
  cookies: Record<string, string> | undefined,
  cookieName: string,
): string | null {
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? match[1] : null;
  }
  return cookies?.[cookieName] || null;
}

/** Every route requires a valid login unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly failures: FailureLimiter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const credential = credentialOf(
      request.headers.authorization,
      request.cookies as Record<string, string> | undefined,
      this.config.auth.cookieName,
    );
    if (!credential) throw new UnauthorizedException('Authentication required');
    // A credential the database confirmed moments ago is not a guess: the guessing limit, a Redis
    // round trip, is for credentials that have to be looked up.
    request.auth =
      this.sessions.recentlyConfirmed(credential) ?? (await this.lookUp(credential, request));
    return true;
  }

  private async lookUp(credential: string, request: Request): Promise<AuthContext> {
    const address = `ip:${String(request.ip)}`;
    await this.failures.assertAllowed(
      'bad-credentials',
      address,
      'Too many invalid credentials from this address; try again later',
    );
    const auth = await this.sessions.resolve(credential);
    if (!auth) {
      await this.failures.recordFailure('bad-credentials', address);
      throw new UnauthorizedException('Invalid, expired or revoked credentials');
    }
    return auth;
  }
}

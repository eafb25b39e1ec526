import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';

/** Who is calling, resolved once per request by AuthGuard. */
export interface AuthContext {
  userId: string;
  /** Teams the caller belongs to; every query is scoped to these. */
  teamIds: string[];
  /** Set for browser/API logins (JWT). */
  sessionId?: string;
  /** Set when the caller used a personal API token. */
  apiTokenId?: string;
}

export interface AuthenticatedRequest {
  auth?: AuthContext;
}

export const IS_PUBLIC = 'mixscope:public';
/** The route needs no login. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const CurrentAuth = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthContext => {
    const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.auth) throw new Error('CurrentAuth used on a public route');
    return request.auth;
  },
);

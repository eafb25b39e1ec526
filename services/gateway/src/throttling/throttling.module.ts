import { Injectable, Module, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModule, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import type { AuthenticatedRequest } from '../auth/auth-context.ts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { REDIS } from '../infra/redis.provider.ts';
import { FailureLimiter } from './failure-limiter.ts';
import { rateLimitOf } from './rate-limit.decorator.ts';
import { RedisThrottlerStorage } from './redis-throttler.storage.ts';

const MINUTE_MS = 60_000;

/** Counts per user once logged in, per client address before that. */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const auth = (req as AuthenticatedRequest).auth;
    return auth ? `user:${auth.userId}` : `ip:${String(req.ip)}`;
  }

  /** Also sends the standard Retry-After header (the library only names it per limit). */
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const res = context.switchToHttp().getResponse<{ header(name: string, value: string): void }>();
    res.header('Retry-After', String(Math.max(1, detail.timeToBlockExpire)));
    await super.throwThrottlingException(context, detail);
  }
}

/** The named limits are budgets shared by every route carrying them, not one per route. */
const sharedKey = (_context: ExecutionContext, tracker: string, name: string) =>
  `${name}:${tracker}`;

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [GATEWAY_CONFIG, REDIS],
      useFactory: (config: GatewayConfig, redis: Redis) => ({
        storage: new RedisThrottlerStorage(redis, config.redis.prefix),
        throttlers: [
          { name: 'default', ttl: MINUTE_MS, limit: config.rateLimits.perMinute },
          {
            name: 'auth',
            ttl: MINUTE_MS,
            limit: config.rateLimits.authPerMinute,
            skipIf: (context) => rateLimitOf(context) !== 'auth',
            generateKey: sharedKey,
          },
          {
            name: 'analyses',
            ttl: MINUTE_MS,
            limit: config.rateLimits.analysesPerMinute,
            skipIf: (context) => rateLimitOf(context) !== 'analyses',
            generateKey: sharedKey,
          },
        ],
      }),
    }),
  ],
  providers: [UserThrottlerGuard, FailureLimiter],
  exports: [UserThrottlerGuard, FailureLimiter],
})
export class ThrottlingModule {}

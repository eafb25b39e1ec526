import { Injectable, Module } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import type { AuthenticatedRequest } from '../auth/auth-context.ts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { REDIS } from '../infra/redis.provider.ts';
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
}

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
          },
          {
            name: 'analyses',
            ttl: MINUTE_MS,
            limit: config.rateLimits.analysesPerMinute,
            skipIf: (context) => rateLimitOf(context) !== 'analyses',
          },
        ],
      }),
    }),
  ],
  providers: [UserThrottlerGuard],
  exports: [UserThrottlerGuard],
})
export class ThrottlingModule {}

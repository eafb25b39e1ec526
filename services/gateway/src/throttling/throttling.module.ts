import { Inject, Injectable, Module, type ExecutionContext } from '@nestjs/common';
import {
  ThrottlerGuard,
  ThrottlerModule,
  type ThrottlerLimitDetail,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import type { AuthenticatedRequest } from '../auth/auth-context.ts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { REDIS } from '../infra/redis.provider.ts';
import { FailureLimiter } from './failure-limiter.ts';
import {
  DEFAULT_LIMIT_MESSAGE,
  MINUTE_MS,
  namedLimitKey,
  namedLimitOfKey,
  namedLimits,
  trackerOf,
} from './named-limits.ts';
import { RATE_LIMIT_NAMES, rateLimitOf, type RateLimitName } from './rate-limit.decorator.ts';
import { RateLimitPeek } from './rate-limit-peek.ts';
import { BatchedThrottlerStorage } from './batched-throttler.storage.ts';
import { RedisThrottlerStorage } from './redis-throttler.storage.ts';
import { TooManyRequestsException } from './too-many-requests.exception.ts';

@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  @Inject(GATEWAY_CONFIG) private readonly config!: GatewayConfig;

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return trackerOf(req as AuthenticatedRequest);
  }

  /** Answers with the limit's own message and the standard Retry-After header. */
  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const name = namedLimitOfKey(detail.key);
    throw new TooManyRequestsException(
      Math.max(1, detail.timeToBlockExpire),
      name ? namedLimits(this.config)[name].message : DEFAULT_LIMIT_MESSAGE,
    );
  }
}

/** The default limit, hit by every request, counts in batches; the named ones count each hit in Redis. */
const byThrottler = (
  everyRequest: ThrottlerStorage,
  named: ThrottlerStorage,
): ThrottlerStorage => ({
  increment: (key, ttl, limit, blockDuration, throttlerName) =>
    (throttlerName === 'default' ? everyRequest : named).increment(
      key,
      ttl,
      limit,
      blockDuration,
      throttlerName,
    ),
});

const namedThrottler = (config: GatewayConfig, name: RateLimitName) => ({
  name,
  ttl: namedLimits(config)[name].ttlMs,
  limit: namedLimits(config)[name].limit,
  skipIf: (context: ExecutionContext) => rateLimitOf(context) !== name,
  generateKey: (_context: ExecutionContext, tracker: string) => namedLimitKey(name, tracker),
});

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [GATEWAY_CONFIG, REDIS],
      useFactory: (config: GatewayConfig, redis: Redis) => ({
        storage: byThrottler(
          new BatchedThrottlerStorage(redis, config.redis.prefix),
          new RedisThrottlerStorage(redis, config.redis.prefix),
        ),
        throttlers: [
          { name: 'default', ttl: MINUTE_MS, limit: config.rateLimits.perMinute },
          ...RATE_LIMIT_NAMES.map((name) => namedThrottler(config, name)),
        ],
      }),
    }),
  ],
  providers: [UserThrottlerGuard, FailureLimiter, RateLimitPeek],
  exports: [UserThrottlerGuard, FailureLimiter, RateLimitPeek],
})
export class ThrottlingModule {}

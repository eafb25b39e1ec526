import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AuthContext } from '../auth/auth-context.ts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { REDIS } from '../infra/redis.provider.ts';
import { namedLimitKey, namedLimits, trackerOf } from './named-limits.ts';
import type { RateLimitName } from './rate-limit.decorator.ts';
import { RedisThrottlerStorage } from './redis-throttler.storage.ts';
import { TooManyRequestsException } from './too-many-requests.exception.ts';

/**
 * Asks a named limit whether the caller's next hit would be refused, without counting one: lets a
 * step that comes before the limited one (an upload before its analysis) refuse early.
 */
@Injectable()
export class RateLimitPeek {
  private readonly storage: RedisThrottlerStorage;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.storage = new RedisThrottlerStorage(redis, config.redis.prefix);
  }

  /** Throws the limit's own 429 (with Retry-After) when `name` would refuse this user now. */
  async assertRoom(name: RateLimitName, auth: AuthContext): Promise<void> {
    const { limit, message } = namedLimits(this.config)[name];
    const { hits, windowMs, blockedMs } = await this.storage.peek(
      namedLimitKey(name, trackerOf({ auth })),
      name,
    );
    const waitMs = Math.max(blockedMs, hits >= limit ? windowMs : 0);
    if (waitMs > 0)
      throw new TooManyRequestsException(Math.max(1, Math.ceil(waitMs / 1000)), message);
  }
}

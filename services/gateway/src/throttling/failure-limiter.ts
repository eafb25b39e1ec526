import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { REDIS } from '../infra/redis.provider.ts';
import { RedisThrottlerStorage } from './redis-throttler.storage.ts';
import { TooManyRequestsException } from './too-many-requests.exception.ts';

const MINUTE_MS = 60_000;

/** What is counted: credentials the guard rejected (per address), failed logins (per account). */
export type FailureKind = 'bad-credentials' | 'login-account';

/**
 * Counts failures rather than requests, and is consulted before the costly work (a database
 * lookup, a password hash), so guessing is bounded even though the guard that finds the
 * caller runs before the per-user throttler.
 */
@Injectable()
export class FailureLimiter {
  private readonly storage: RedisThrottlerStorage;
  private readonly limits: Record<FailureKind, { limit: number; windowMs: number }>;

  constructor(@Inject(REDIS) redis: Redis, @Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.storage = new RedisThrottlerStorage(redis, config.redis.prefix);
    this.limits = {
      'bad-credentials': { limit: config.rateLimits.badCredentialsPerMinute, windowMs: MINUTE_MS },
      'login-account': {
        limit: config.rateLimits.loginFailuresPerAccount,
        windowMs: 15 * MINUTE_MS,
      },
    };
  }

  /** Throws TooManyRequestsException while `key` is blocked for `kind`. */
  async assertAllowed(kind: FailureKind, key: string, message: string): Promise<void> {
    const ms = await this.storage.blockedFor(key, kind);
    if (ms > 0) throw new TooManyRequestsException(Math.ceil(ms / 1000), message);
  }

  async recordFailure(kind: FailureKind, key: string): Promise<void> {
    const { limit, windowMs } = this.limits[kind];
    // Blocked once `limit` failures are counted, so the next attempt is refused unchecked.
    await this.storage.increment(key, windowMs, limit - 1, windowMs, kind);
  }
}

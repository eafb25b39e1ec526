import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

// Fixed window per key: count the hit, start the window on the first one, and once over the limit
// hold a block key for blockDuration so the caller stays out even if the window rolls over.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local blockTtl = redis.call('PTTL', KEYS[2])
if blockTtl <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  blockTtl = tonumber(ARGV[3])
end
return {hits, redis.call('PTTL', KEYS[1]), blockTtl}
`;

/**
 * Rate-limit counters in Redis, shared by every gateway instance. While Redis is unreachable the
 * limiter lets requests through (and says so in the log): the queue is down then anyway, and
 * refusing all reads would turn a Redis blip into a full outage.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private lastWarning = 0;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Milliseconds left on the block of `key` under `throttlerName` (0: not blocked). */
  async blockedFor(key: string, throttlerName: string): Promise<number> {
    try {
      const ttl = await this.redis.pttl(`${this.prefix}:throttle:${throttlerName}:${key}:block`);
      return Math.max(0, ttl);
    } catch {
      return 0;
    }
  }

  /**
   * The counter of `key` under `throttlerName` without counting a hit: hits in the current
   * window, milliseconds until the window ends, and milliseconds left on a block (0: none).
   */
  async peek(
    key: string,
    throttlerName: string,
  ): Promise<{ hits: number; windowMs: number; blockedMs: number }> {
    const base = `${this.prefix}:throttle:${throttlerName}:${key}`;
    try {
      const [hits, windowMs, blockedMs] = await Promise.all([
        this.redis.get(`${base}:hits`),
        this.redis.pttl(`${base}:hits`),
        this.redis.pttl(`${base}:block`),
      ]);
      return {
        hits: Number(hits ?? 0),
        windowMs: Math.max(0, windowMs),
        blockedMs: Math.max(0, blockedMs),
      };
    } catch (error) {
      this.warnSuspended(error);
      return { hits: 0, windowMs: 0, blockedMs: 0 };
    }
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}:throttle:${throttlerName}:${key}`;
    try {
      const [hits, ttlMs, blockMs] = (await this.redis.eval(
        INCREMENT,
        2,
        `${base}:hits`,
        `${base}:block`,
        String(ttl),
        String(limit),
        String(Math.max(blockDuration, 1)),
      )) as [number, number, number];
      return {
        totalHits: hits,
        timeToExpire: Math.max(0, Math.ceil(ttlMs / 1000)),
        isBlocked: blockMs > 0,
        timeToBlockExpire: Math.max(0, Math.ceil(blockMs / 1000)),
      };
    } catch (error) {
      this.warnSuspended(error);
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  private warnSuspended(error: unknown): void {
    if (Date.now() - this.lastWarning > 10_000) {
      this.lastWarning = Date.now();
      this.logger.warn(`rate limiting suspended, Redis unavailable: ${(error as Error).message}`);
    }
  }
}

import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How often counted hits are sent to Redis: the shared count lags each instance by this much. */
export const FLUSH_INTERVAL_MS = 100;

// The hits of one flush added at once; the window starts with the first; past the limit a block key
// keeps the caller out for blockDuration even if the window rolls over. The same keys and rule as
// RedisThrottlerStorage's INCREMENT, so both read and write one counter.
const ADD = `
local hits = redis.call('INCRBY', KEYS[1], ARGV[4])
if hits == tonumber(ARGV[4]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local blockTtl = redis.call('PTTL', KEYS[2])
if blockTtl <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  blockTtl = tonumber(ARGV[3])
end
return {hits, redis.call('PTTL', KEYS[1]), blockTtl}
`;

interface Counter {
  base: string;
  ttl: number;
  limit: number;
  blockDuration: number;
  /** Hits in the window as Redis last said (every instance's), and when that window ends. */
  shared: number;
  windowEndsAt: number;
  /** Hits counted here and not yet sent. */
  pending: number;
  /** Hits being sent right now. */
  sending: number;
  blockedUntil: number;
}

/**
 * The default per-user limit, counted in memory and sent to Redis in one round trip per key every
 * FLUSH_INTERVAL_MS, so a request costs no Redis round trip of its own. Each instance decides from
 * the shared count Redis last returned plus its own hits since: one instance enforces the limit
 * exactly; with several, a caller can exceed it by what the other instances let through in one flush
 * interval. Named limits (auth, analyses, shared links) stay with RedisThrottlerStorage: they are
 * small and must hold exactly. While Redis is unreachable each instance still counts its own hits.
 */
export class BatchedThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(BatchedThrottlerStorage.name);
  private readonly counters = new Map<string, Counter>();
  private readonly timer: NodeJS.Timeout;
  private flushing = false;
  private lastWarning = 0;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    // Unreferenced: it never keeps a stopping process alive.
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
    now = Date.now(),
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}:throttle:${throttlerName}:${key}`;
    let counter = this.counters.get(base);
    if (!counter) {
      counter = {
        base,
        ttl,
        limit,
        blockDuration: Math.max(blockDuration, 1),
        shared: 0,
        windowEndsAt: now + ttl,
        pending: 0,
        sending: 0,
        blockedUntil: 0,
      };
      this.counters.set(base, counter);
    }
    if (counter.windowEndsAt <= now) {
      counter.shared = 0;
      counter.windowEndsAt = now + ttl;
    }
    counter.pending++;
    const totalHits = counter.shared + counter.sending + counter.pending;
    if (counter.blockedUntil <= now && totalHits > limit)
      counter.blockedUntil = now + counter.blockDuration;
    const blockedMs = Math.max(0, counter.blockedUntil - now);
    return {
      totalHits,
      timeToExpire: Math.max(0, Math.ceil((counter.windowEndsAt - now) / 1000)),
      isBlocked: blockedMs > 0,
      timeToBlockExpire: Math.ceil(blockedMs / 1000),
    };
  }

  /** Sends every counter's new hits; forgets counters whose window ended with nothing to send. */
  async flush(now = Date.now()): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      const due = [];
      for (const counter of this.counters.values()) {
        if (counter.pending > 0) due.push(counter);
        else if (counter.windowEndsAt <= now && counter.blockedUntil <= now)
          this.counters.delete(counter.base);
      }
      if (due.length === 0) return;
      const pipeline = this.redis.pipeline();
      for (const counter of due) {
        counter.sending = counter.pending;
        counter.pending = 0;
        pipeline.eval(
          ADD,
          2,
          `${counter.base}:hits`,
          `${counter.base}:block`,
          String(counter.ttl),
          String(counter.limit),
          String(counter.blockDuration),
          String(counter.sending),
        );
      }
      const replies = await pipeline.exec().catch((error: Error) => {
        this.warnUnshared(error);
        return null;
      });
      const at = Date.now();
      due.forEach((counter, index) => {
        const [error, reply] = replies?.[index] ?? [new Error('no reply'), null];
        if (error || !Array.isArray(reply)) {
          // Not shared this time: kept as this instance's own, sent with the next flush.
          counter.pending += counter.sending;
        } else {
          const [hits, ttlMs, blockMs] = reply as [number, number, number];
          counter.shared = hits;
          counter.windowEndsAt = at + Math.max(0, ttlMs);
          if (blockMs > 0) counter.blockedUntil = Math.max(counter.blockedUntil, at + blockMs);
        }
        counter.sending = 0;
      });
    } finally {
      this.flushing = false;
    }
  }

  private warnUnshared(error: Error): void {
    if (Date.now() - this.lastWarning > 10_000) {
      this.lastWarning = Date.now();
      this.logger.warn(
        `rate-limit counts not shared, Redis unavailable (this instance still counts its own): ${error.message}`,
      );
    }
  }
}

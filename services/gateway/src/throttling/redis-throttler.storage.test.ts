import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { useTestRedis } from './test-redis.ts';
import { RedisThrottlerStorage } from './redis-throttler.storage.ts';

describe('RedisThrottlerStorage', () => {
  const { prefix, redis } = useTestRedis('throttle-test');

  it('counts hits in a window, blocks past the limit, and frees the caller when the window ends', async () => {
    const storage = new RedisThrottlerStorage(redis(), prefix);
    const hits = [];
    for (let i = 0; i < 4; i++)
      hits.push(await storage.increment('user:1', 400, 3, 400, 'analyses'));
    expect(hits.map((h) => [h.totalHits, h.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
    ]);
    expect(hits[3].timeToBlockExpire).toBe(1);
    // Another caller and another limit have their own counters.
    expect((await storage.increment('user:2', 400, 3, 400, 'analyses')).totalHits).toBe(1);
    expect((await storage.increment('user:1', 400, 3, 400, 'auth')).totalHits).toBe(1);

    await new Promise((r) => setTimeout(r, 500));
    const later = await storage.increment('user:1', 400, 3, 400, 'analyses');
    expect([later.totalHits, later.isBlocked]).toEqual([1, false]);
  });

  it('peeks at a counter without counting a hit', async () => {
    const storage = new RedisThrottlerStorage(redis(), prefix);
    expect(await storage.peek('user:9', 'analyses')).toEqual({
      hits: 0,
      windowMs: 0,
      blockedMs: 0,
    });
    await storage.increment('user:9', 60_000, 1, 60_000, 'analyses');
    for (let i = 0; i < 3; i++) {
      const seen = await storage.peek('user:9', 'analyses');
      expect([seen.hits, seen.blockedMs]).toEqual([1, 0]);
      expect(seen.windowMs).toBeGreaterThan(0);
    }
    await storage.increment('user:9', 60_000, 1, 60_000, 'analyses');
    const blocked = await storage.peek('user:9', 'analyses');
    expect(blocked.hits).toBe(2);
    expect(blocked.blockedMs).toBeGreaterThan(0);
  });

  it('lets requests through when Redis is unreachable', async () => {
    const dead = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    const storage = new RedisThrottlerStorage(dead, prefix);
    expect(await storage.increment('user:1', 1000, 1, 1000, 'analyses')).toEqual({
      totalHits: 0,
      timeToExpire: 0,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    dead.disconnect();
  });
});

import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { useTestRedis } from './test-redis.ts';
import { BatchedThrottlerStorage } from './batched-throttler.storage.ts';
import { RedisThrottlerStorage } from './redis-throttler.storage.ts';

describe('BatchedThrottlerStorage', () => {
  const { prefix, redis } = useTestRedis('batched-test');

  it('refuses the hit past the limit at once, without waiting for Redis', async () => {
    const storage = new BatchedThrottlerStorage(redis(), prefix);
    const hits = [];
    for (let i = 0; i < 4; i++)
      hits.push(await storage.increment('user:1', 60_000, 3, 60_000, 'default'));
    expect(hits.map((h) => [h.totalHits, h.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
    ]);
    expect(hits[3].timeToBlockExpire).toBe(60);
    expect((await storage.increment('user:2', 60_000, 3, 60_000, 'default')).isBlocked).toBe(false);
  });

  it('shares its counts through Redis, so another instance counts them too', async () => {
    const one = new BatchedThrottlerStorage(redis(), prefix);
    const two = new BatchedThrottlerStorage(redis(), prefix);
    for (let i = 0; i < 3; i++) await one.increment('user:3', 60_000, 5, 60_000, 'default');
    await one.flush();
    // The exact storage reads the same counter.
    const exact = new RedisThrottlerStorage(redis(), prefix);
    expect((await exact.peek('user:3', 'default')).hits).toBe(3);
    await two.increment('user:3', 60_000, 5, 60_000, 'default');
    await two.flush();
    const third = await two.increment('user:3', 60_000, 5, 60_000, 'default');
    expect(third.totalHits).toBe(5);
    expect(third.isBlocked).toBe(false);
    const over = await two.increment('user:3', 60_000, 5, 60_000, 'default');
    expect(over.isBlocked).toBe(true);
    await two.flush();
    // The block is in Redis now: the first instance learns it with its next flush.
    await one.increment('user:3', 60_000, 5, 60_000, 'default');
    await one.flush();
    expect((await one.increment('user:3', 60_000, 5, 60_000, 'default')).isBlocked).toBe(true);
  });

  it('starts a new window when the old one ends', async () => {
    const storage = new BatchedThrottlerStorage(redis(), prefix);
    for (let i = 0; i < 3; i++) await storage.increment('user:4', 300, 2, 300, 'default');
    await storage.flush();
    await new Promise((r) => setTimeout(r, 400));
    const later = await storage.increment('user:4', 300, 2, 300, 'default');
    expect([later.totalHits, later.isBlocked]).toEqual([1, false]);
  });

  it('keeps counting its own hits while Redis is unreachable', async () => {
    const down = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
    });
    const storage = new BatchedThrottlerStorage(down, prefix);
    for (let i = 0; i < 2; i++) await storage.increment('user:5', 60_000, 2, 60_000, 'default');
    await storage.flush();
    expect((await storage.increment('user:5', 60_000, 2, 60_000, 'default')).isBlocked).toBe(true);
    down.disconnect();
  });
});

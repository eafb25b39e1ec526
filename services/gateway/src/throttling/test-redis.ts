import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';

/**
 * The Redis of this machine (REDIS_URL) for a suite, under a prefix of its own whose keys are
 * removed afterwards. `redis()` is the connected client, from beforeAll on.
 */
export function useTestRedis(name: string): { prefix: string; redis: () => Redis } {
  const prefix = `${name}-${randomBytes(4).toString('hex')}`;
  let client: Redis;

  beforeAll(() => {
    client = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
      enableOfflineQueue: false,
    });
    return new Promise((resolve) => client.once('ready', resolve));
  });

  afterAll(async () => {
    const keys = await client.keys(`${prefix}:*`);
    if (keys.length) await client.del(...keys);
    client.disconnect();
  });

  return { prefix, redis: () => client };
}

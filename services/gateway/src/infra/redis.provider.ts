import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';

/** Producer-side connection: commands fail at once while Redis is away instead of piling up. */
export const REDIS = Symbol('REDIS');

export function producerRedisOptions(): RedisOptions {
  return { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false };
}

/** Options for connections that block (QueueEvents): BullMQ needs unlimited retries there. */
export function blockingRedisOptions(): RedisOptions {
  return { maxRetriesPerRequest: null, enableOfflineQueue: true };
}

export const redisProvider: Provider = {
  provide: REDIS,
  inject: [GATEWAY_CONFIG],
  useFactory: (config: GatewayConfig): Redis => {
    const logger = new Logger('Redis');
    const redis = new Redis(config.redis.url, producerRedisOptions());
    let down = false;
    redis.on('error', (error: Error) => {
      if (!down) logger.warn(`connection error: ${error.message}`);
      down = true;
    });
    redis.on('ready', () => {
      if (down) logger.log('reconnected');
      down = false;
    });
    return redis;
  },
};

@Injectable()
export class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { REDIS } from '../infra/redis.provider.ts';

/** What every gateway instance must stop trusting: a login that ended, or a user whose teams changed. */
export type Invalidation = { sessionId: string } | { apiTokenId: string } | { userId: string };

const invalidationSchema = z.union([
  z.object({ sessionId: z.string() }),
  z.object({ apiTokenId: z.string() }),
  z.object({ userId: z.string() }),
]);

/**
 * Carries credential invalidations to every gateway instance over Redis pub/sub, so a logout or a
 * membership change answered by one instance is in force on all of them at once. A message lost
 * while Redis is away costs at most CREDENTIAL_TTL_MS: that is how long any instance trusts a
 * credential it confirmed.
 */
@Injectable()
export class CredentialInvalidations implements OnApplicationShutdown {
  private readonly logger = new Logger(CredentialInvalidations.name);
  private readonly channel: string;
  private readonly subscriber: Redis;
  private readonly listeners: ((invalidation: Invalidation) => void)[] = [];

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.channel = `${config.redis.prefix}:credential-invalidations`;
    this.subscriber = redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, message: string) => this.receive(message));
    void this.subscriber.subscribe(this.channel).catch((error: Error) => {
      this.logger.warn(`not subscribed to credential invalidations: ${error.message}`);
    });
  }

  listen(listener: (invalidation: Invalidation) => void): void {
    this.listeners.push(listener);
  }

  /** Applies the invalidation here at once, then tells the other instances. */
  async announce(invalidation: Invalidation): Promise<void> {
    for (const listener of this.listeners) listener(invalidation);
    await this.redis.publish(this.channel, JSON.stringify(invalidation)).catch((error: Error) => {
      this.logger.warn(`credential invalidation not sent to other instances: ${error.message}`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }

  private receive(message: string): void {
    let parsed;
    try {
      parsed = invalidationSchema.safeParse(JSON.parse(message));
    } catch {
      return;
    }
    if (!parsed.success) return;
    for (const listener of this.listeners) listener(parsed.data);
  }
}

import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { socketOriginCheck } from '../auth/cross-site.ts';

export interface RedisIoAdapterOptions {
  redisUrl: string;
  /** Namespaces the adapter's channels like the queues, so stacks sharing a Redis stay apart. */
  keyPrefix: string;
  corsOrigins: string[];
  onError?: (error: Error) => void;
}

/** The adapter channel prefix for a queue prefix (also used by tests that listen in). */
export const socketChannelKey = (keyPrefix: string) => `${keyPrefix}:socket.io`;

/**
 * Socket.IO with the CORS allow-list of the HTTP API and the Redis adapter, so rooms are shared by
 * every gateway instance: a broadcast or a room operation (disconnecting a revoked session's
 * sockets, say) made on one instance reaches the sockets connected to all of them.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly pub: Redis;
  private readonly sub: Redis;

  constructor(
    app: INestApplicationContext,
    private readonly options: RedisIoAdapterOptions,
  ) {
    super(app);
    // Unlimited retries: after a Redis restart both reconnect, and the subscriber resubscribes.
    this.pub = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    // No ready check (INFO) on the subscriber: sent while the adapter's SUBSCRIBE is in flight it
    // fails ("Connection in subscriber mode"), and the instance then missed the adapter's requests,
    // so room operations from other instances (leaving a team, ending a session) never reached it.
    this.sub = this.pub.duplicate({ enableReadyCheck: false });
    for (const client of [this.pub, this.sub]) {
      let down = false;
      client.on('error', (error: Error) => {
        if (!down) options.onError?.(error);
        down = true;
      });
      client.on('ready', () => {
        down = false;
      });
    }
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      cors: { origin: this.options.corsOrigins, credentials: true },
      allowRequest: socketOriginCheck(this.options.corsOrigins),
    }) as Server;
    server.adapter(
      createAdapter(this.pub, this.sub, { key: socketChannelKey(this.options.keyPrefix) }),
    );
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}

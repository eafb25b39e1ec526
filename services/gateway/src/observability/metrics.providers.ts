import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { QueueName } from '@mixscope/pipeline';
import {
  createMetricsRegistry,
  registerHttpMetrics,
  registerQueueDepth,
} from '@mixscope/observability';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { REDIS } from '../infra/redis.provider.ts';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
export const HTTP_LATENCY = Symbol('HTTP_LATENCY');

export const metricsRegistryProvider: Provider = {
  provide: METRICS_REGISTRY,
  useFactory: (): Registry => createMetricsRegistry('gateway'),
};

export const httpLatencyProvider: Provider = {
  provide: HTTP_LATENCY,
  inject: [METRICS_REGISTRY],
  useFactory: (registry: Registry) => registerHttpMetrics(registry),
};

/** Reports the depth of every queue, read from Redis at each scrape. */
@Injectable()
export class QueueDepthService implements OnApplicationShutdown {
  private readonly queues: Queue[];

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    @Inject(REDIS) redis: Redis,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    const shared = { connection: redis, prefix: config.redis.prefix };
    this.queues = Object.values(QueueName).map((name) => new Queue(name, shared));
    registerQueueDepth(registry, this.queues);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.queues.map((q) => q.close()));
  }
}

import {
  Inject,
  Injectable,
  Logger,
  type InjectionToken,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { startMetricsServer } from '@mixscope/observability';
import type { Server } from 'node:http';
import type { Registry } from 'prom-client';

export const METRICS_ENDPOINT_OPTIONS = Symbol('METRICS_ENDPOINT_OPTIONS');

export interface MetricsEndpointOptions {
  /** Unset or 0 serves nothing (several workers on one host). */
  port: number;
  host: string;
  registry: Registry;
  healthy: () => boolean;
}

/** GET /metrics for Prometheus and GET /health for container probes, when METRICS_PORT is set. */
@Injectable()
export class MetricsEndpointService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsEndpointService.name);
  private server: Server | undefined;

  constructor(@Inject(METRICS_ENDPOINT_OPTIONS) private readonly options: MetricsEndpointOptions) {}

  async onApplicationBootstrap(): Promise<void> {
    const { port, host, registry, healthy } = this.options;
    if (!port) return;
    this.server = await startMetricsServer({ port, host, registry, healthy });
    this.logger.log(`metrics on http://${host}:${port}/metrics, health on /health`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}

/**
 * The metrics endpoint of a headless worker process: the port and host from `config.metrics`, the
 * registry of its metrics provider, and liveness from its worker host.
 */
export function metricsEndpointProviders(tokens: {
  config: InjectionToken;
  metrics: InjectionToken;
  workers: InjectionToken;
}): Provider[] {
  return [
    {
      provide: METRICS_ENDPOINT_OPTIONS,
      inject: [tokens.config, tokens.metrics, tokens.workers],
      useFactory: (
        config: { metrics: { port: number; host: string } },
        metrics: { registry: Registry },
        workers: { running(): boolean },
      ): MetricsEndpointOptions => ({
        ...config.metrics,
        registry: metrics.registry,
        healthy: () => workers.running(),
      }),
    },
    MetricsEndpointService,
  ];
}

import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { startMetricsServer } from '@mixscope/observability';
import type { Server } from 'node:http';
import { LLM_WORKER_CONFIG, type LlmWorkerConfig } from '../config/llm-worker-config.ts';
import { WorkerHostService } from '../workers/worker-host.service.ts';
import { LlmWorkerMetrics } from './llm-worker-metrics.ts';

/** GET /metrics for Prometheus and GET /health for container probes, when METRICS_PORT is set. */
@Injectable()
export class MetricsEndpointService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsEndpointService.name);
  private server: Server | undefined;

  constructor(
    @Inject(LLM_WORKER_CONFIG) private readonly config: LlmWorkerConfig,
    private readonly metrics: LlmWorkerMetrics,
    private readonly workers: WorkerHostService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { port, host } = this.config.metrics;
    if (!port) return;
    this.server = await startMetricsServer({
      port,
      host,
      registry: this.metrics.registry,
      healthy: () => this.workers.running(),
    });
    this.logger.log(`metrics on http://${host}:${port}/metrics, health on /health`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}

import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { startMetricsServer } from '@mixscope/observability';
import type { Server } from 'node:http';
import { ANALYZER_CONFIG, type AnalyzerConfig } from '../config/analyzer-config.ts';
import { WorkerHostService } from '../workers/worker-host.service.ts';
import { AnalyzerMetrics } from './analyzer-metrics.ts';

/** GET /metrics for Prometheus and GET /health for container probes, when METRICS_PORT is set. */
@Injectable()
export class MetricsEndpointService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsEndpointService.name);
  private server: Server | undefined;

  constructor(
    @Inject(ANALYZER_CONFIG) private readonly config: AnalyzerConfig,
    private readonly metrics: AnalyzerMetrics,
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

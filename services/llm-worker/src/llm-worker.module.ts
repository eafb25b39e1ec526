import { Module, type DynamicModule } from '@nestjs/common';
import { databaseProviders, metricsEndpointProviders } from '@mixscope/service-kit';
import { LLM_WORKER_CONFIG, type LlmWorkerConfig } from './config/llm-worker-config.ts';
import { LlmWorkerMetrics } from './observability/llm-worker-metrics.ts';
import { WorkerHostService } from './workers/worker-host.service.ts';

/** The feedback worker: a headless app (no HTTP) that consumes the `feedback` queue. */
@Module({})
export class LlmWorkerModule {
  static forRoot(config: LlmWorkerConfig): DynamicModule {
    return {
      module: LlmWorkerModule,
      providers: [
        { provide: LLM_WORKER_CONFIG, useValue: config },
        ...databaseProviders(LLM_WORKER_CONFIG),
        WorkerHostService,
        LlmWorkerMetrics,
        ...metricsEndpointProviders({
          config: LLM_WORKER_CONFIG,
          metrics: LlmWorkerMetrics,
          workers: WorkerHostService,
        }),
      ],
    };
  }
}

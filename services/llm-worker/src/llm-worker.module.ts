import { Module, type DynamicModule } from '@nestjs/common';
import { LLM_WORKER_CONFIG, type LlmWorkerConfig } from './config/llm-worker-config.ts';
import { FeedbackStore } from './feedback/feedback-store.ts';
import {
  DATABASE,
  DatabaseLifecycle,
  databaseProvider,
  type Database,
} from './infra/database.provider.ts';
import { LlmWorkerMetrics } from './observability/llm-worker-metrics.ts';
import { MetricsEndpointService } from './observability/metrics-endpoint.service.ts';
import { WorkerHostService } from './workers/worker-host.service.ts';

/** The feedback worker: a headless app (no HTTP) that consumes the `feedback` queue. */
@Module({})
export class LlmWorkerModule {
  static forRoot(config: LlmWorkerConfig): DynamicModule {
    return {
      module: LlmWorkerModule,
      providers: [
        { provide: LLM_WORKER_CONFIG, useValue: config },
        databaseProvider,
        DatabaseLifecycle,
        {
          provide: FeedbackStore,
          inject: [DATABASE],
          useFactory: (db: Database) => new FeedbackStore(db),
        },
        WorkerHostService,
        LlmWorkerMetrics,
        MetricsEndpointService,
      ],
    };
  }
}

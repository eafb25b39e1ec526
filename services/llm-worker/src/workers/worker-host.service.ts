import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { QueueName } from '@mixscope/contracts';
import { instrumentProcessor } from '@mixscope/observability';
import type { Job, Worker } from 'bullmq';
import { LLM_WORKER_CONFIG, type LlmWorkerConfig } from '../config/llm-worker-config.ts';
import { FeedbackStore } from '../feedback/feedback-store.ts';
import { writeFeedback } from '../feedback/write-feedback.job.ts';
import { LlmWorkerMetrics } from '../observability/llm-worker-metrics.ts';
import { createFeedbackWorker } from './feedback-worker.ts';

/** Runs the `feedback` worker; it closes before the database client does, so the active job finishes first. */
@Injectable()
export class WorkerHostService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerHostService.name);
  private readonly jobLogger = new Logger('WriteFeedback');
  private worker: Worker | null = null;

  constructor(
    @Inject(LLM_WORKER_CONFIG) private readonly config: LlmWorkerConfig,
    @Inject(FeedbackStore) private readonly store: FeedbackStore,
    private readonly metrics: LlmWorkerMetrics,
  ) {}

  /** Liveness: the worker is consuming its queue. */
  running(): boolean {
    return this.worker?.isRunning() ?? false;
  }

  onApplicationBootstrap(): void {
    const deps = { store: this.store, groq: this.config.groq, log: this.jobLogger };
    // Log lines written while a job runs carry its id; durations and failures are counted.
    const processor = instrumentProcessor(QueueName.feedback, this.metrics.jobs, (job: Job) =>
      writeFeedback(job, deps),
    );
    this.worker = createFeedbackWorker(this.config, processor, this.logger);
    const settings = this.config.queues[QueueName.feedback];
    const llm = this.config.groq.apiKey
      ? `LLM ${this.config.groq.model}`
      : 'rules only (GROQ_API_KEY is not set)';
    this.logger.log(
      `${this.config.workerName} consuming "${QueueName.feedback}" (concurrency ${settings.concurrency}), ${llm}`,
    );
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`shutting down${signal ? ` on ${signal}` : ''}: finishing the active job`);
    await this.worker?.close();
  }
}

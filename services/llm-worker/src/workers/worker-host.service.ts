import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AnalysisRepository, QueueName } from '@mixscope/pipeline';
import { QueueWorkerHost } from '@mixscope/service-kit';
import type { Job } from 'bullmq';
import { LLM_WORKER_CONFIG, type LlmWorkerConfig } from '../config/llm-worker-config.ts';
import { writeFeedback } from '../feedback/write-feedback.job.ts';
import { LlmWorkerMetrics } from '../observability/llm-worker-metrics.ts';

/** Runs the `feedback` worker of this process. */
@Injectable()
export class WorkerHostService extends QueueWorkerHost implements OnApplicationBootstrap {
  private readonly jobLogger = new Logger('WriteFeedback');

  constructor(
    @Inject(LLM_WORKER_CONFIG) private readonly config: LlmWorkerConfig,
    private readonly analyses: AnalysisRepository,
    metrics: LlmWorkerMetrics,
  ) {
    super(config, metrics.jobs);
  }

  onApplicationBootstrap(): void {
    const deps = { analyses: this.analyses, groq: this.config.groq, log: this.jobLogger };
    this.startWorker(QueueName.feedback, (job: Job) => writeFeedback(job, deps));
    const settings = this.config.queues[QueueName.feedback];
    const llm = this.config.groq.apiKey
      ? `LLM ${this.config.groq.model}`
      : 'rules only (GROQ_API_KEY is not set)';
    this.logger.log(
      `${this.config.workerName} consuming "${QueueName.feedback}" (concurrency ${settings.concurrency}), ${llm}`,
    );
  }
}

import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { QueueName, redisConnectionFields, type QueueSettings } from '@mixscope/contracts';
import { instrumentProcessor } from '@mixscope/observability';
import { Worker, type Job, type Processor } from 'bullmq';
import { AnalyzeTrackProcessor } from '../analyze/analyze-track.processor.ts';
import { ANALYZER_CONFIG, type AnalyzerConfig } from '../config/analyzer-config.ts';
import { FinalizeAnalysisProcessor } from '../finalize/finalize-analysis.processor.ts';
import { AnalyzerMetrics } from '../observability/analyzer-metrics.ts';

/**
 * Runs the BullMQ workers of this process, with the settings of the per-queue table. Workers close
 * before the database and S3 clients do, letting active jobs finish first.
 */
@Injectable()
export class WorkerHostService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerHostService.name);
  private readonly workers: Worker[] = [];

  constructor(
    @Inject(ANALYZER_CONFIG) private readonly config: AnalyzerConfig,
    private readonly analyzeTrack: AnalyzeTrackProcessor,
    private readonly finalizeAnalysis: FinalizeAnalysisProcessor,
    private readonly metrics: AnalyzerMetrics,
  ) {}

  /** Liveness: every worker of this process is consuming its queue. */
  running(): boolean {
    return this.workers.length > 0 && this.workers.every((w) => w.isRunning());
  }

  onApplicationBootstrap(): void {
    this.start(QueueName.analyze, (job, _token, signal) => this.analyzeTrack.process(job, signal));
    this.start(QueueName.finalize, (job) => this.finalizeAnalysis.process(job));
    const analyze = this.config.queues.analyze;
    this.logger.log(
      `${this.config.workerName} consuming "${QueueName.analyze}" (concurrency ${analyze.concurrency}) and "${QueueName.finalize}"`,
    );
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`shutting down${signal ? ` on ${signal}` : ''}: finishing active jobs`);
    await Promise.allSettled(this.workers.map((w) => w.close()));
  }

  private start(queue: QueueName, processor: Processor): void {
    const settings: QueueSettings = this.config.queues[queue];
    // Log lines written while a job runs carry its id; durations and failures are counted.
    const instrumented = instrumentProcessor(queue, this.metrics.jobs, processor);
    const worker = new Worker(queue, instrumented, {
      connection: { ...redisConnectionFields(this.config.redis.url), maxRetriesPerRequest: null },
      prefix: this.config.redis.prefix,
      name: this.config.workerName,
      concurrency: settings.concurrency,
      lockDuration: settings.lockDurationMs,
      stalledInterval: settings.stalledIntervalMs,
      maxStalledCount: settings.maxStalledCount,
    });
    worker.on('error', (error) => this.logger.warn(`${queue} worker: ${error.message}`));
    worker.on('stalled', (jobId) =>
      this.logger.warn(`${queue} job ${jobId} stalled; it runs again`),
    );
    worker.on('failed', (job: Job | undefined, error) => {
      if (job) this.logger.warn(`${queue} job ${job.id} failed: ${error.message}`);
    });
    this.workers.push(worker);
  }
}

import { Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { QueueName } from '@mixscope/pipeline';
import { instrumentProcessor, type JobMetrics } from '@mixscope/observability';
import type { Processor, Worker } from 'bullmq';
import { createQueueWorker, type QueueWorkerConfig } from './queue-worker.ts';

/**
 * Runs the BullMQ workers of a process. Workers close before the database and S3 clients do,
 * letting active jobs finish first. Subclasses start their queues on application bootstrap.
 */
export abstract class QueueWorkerHost implements BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private readonly workers: Worker[] = [];

  protected constructor(
    private readonly workerConfig: QueueWorkerConfig,
    private readonly jobMetrics: JobMetrics,
  ) {}

  /** Liveness: every worker of this process is consuming its queue. */
  running(): boolean {
    return this.workers.length > 0 && this.workers.every((w) => w.isRunning());
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`shutting down${signal ? ` on ${signal}` : ''}: finishing active jobs`);
    await Promise.allSettled(this.workers.map((w) => w.close()));
  }

  protected startWorker(queue: QueueName, processor: Processor): void {
    // Log lines written while a job runs carry its id; durations and failures are counted.
    const instrumented = instrumentProcessor(queue, this.jobMetrics, processor);
    this.workers.push(createQueueWorker(this.workerConfig, queue, instrumented, this.logger));
  }
}

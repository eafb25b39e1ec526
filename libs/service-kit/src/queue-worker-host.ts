import { Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { deferJob, unavailableDependency, type QueueName } from '@mixscope/pipeline';
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
    const instrumented = instrumentProcessor(
      queue,
      this.jobMetrics,
      this.waitingOutOutages(queue, processor),
    );
    this.workers.push(createQueueWorker(this.workerConfig, queue, instrumented, this.logger));
  }

  /**
   * A job that meets Postgres, S3 or Redis away goes back to the delayed set for the queue's
   * backoff delay without using an attempt, however long the outage lasts: only the work's own
   * faults spend attempts and fail an analysis.
   */
  private waitingOutOutages(queue: QueueName, processor: Processor): Processor {
    const delayMs = this.workerConfig.queues[queue].backoffDelayMs;
    return async (job, token, signal) => {
      try {
        return await processor(job, token, signal);
      } catch (error) {
        const dependency = unavailableDependency(error);
        if (!dependency) throw error;
        this.logger.warn(
          `${job.id} waits for the ${dependency} (${(error as Error).message.trim().split('\n').pop()}); runs again in ${delayMs} ms, no attempt used`,
        );
        throw await deferJob(job, token, delayMs);
      }
    };
  }
}

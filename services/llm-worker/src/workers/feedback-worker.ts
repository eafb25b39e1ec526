import { QueueName, redisConnectionFields, type SharedConfig } from '@mixscope/contracts';
import { Worker, type Processor } from 'bullmq';

export interface FeedbackWorkerLog {
  warn(message: string): void;
}

/** The BullMQ worker of the `feedback` queue, with the settings of the per-queue table. */
export function createFeedbackWorker(
  config: Pick<SharedConfig, 'redis' | 'queues'> & { workerName: string },
  processor: Processor,
  log: FeedbackWorkerLog,
): Worker {
  const settings = config.queues[QueueName.feedback];
  const worker = new Worker(QueueName.feedback, processor, {
    connection: { ...redisConnectionFields(config.redis.url), maxRetriesPerRequest: null },
    prefix: config.redis.prefix,
    name: config.workerName,
    concurrency: settings.concurrency,
    lockDuration: settings.lockDurationMs,
    stalledInterval: settings.stalledIntervalMs,
    maxStalledCount: settings.maxStalledCount,
  });
  worker.on('error', (error) => log.warn(`feedback worker: ${error.message}`));
  worker.on('stalled', (jobId) => log.warn(`feedback job ${jobId} stalled; it runs again`));
  worker.on('failed', (job, error) => {
    if (job) log.warn(`feedback job ${job.id} failed: ${error.message}`);
  });
  return worker;
}

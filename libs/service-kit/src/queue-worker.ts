import { redisConnectionFields, type QueueName, type SharedConfig } from '@mixscope/contracts';
import { Worker, type Processor } from 'bullmq';

export interface QueueWorkerLog {
  warn(message: string): void;
}

export type QueueWorkerConfig = Pick<SharedConfig, 'redis' | 'queues'> & { workerName: string };

/** A BullMQ worker of one queue, with the settings of the per-queue table. */
export function createQueueWorker(
  config: QueueWorkerConfig,
  queue: QueueName,
  processor: Processor,
  log: QueueWorkerLog,
): Worker {
  const settings = config.queues[queue];
  const worker = new Worker(queue, processor, {
    connection: { ...redisConnectionFields(config.redis.url), maxRetriesPerRequest: null },
    prefix: config.redis.prefix,
    name: config.workerName,
    concurrency: settings.concurrency,
    lockDuration: settings.lockDurationMs,
    stalledInterval: settings.stalledIntervalMs,
    maxStalledCount: settings.maxStalledCount,
  });
  worker.on('error', (error) => log.warn(`${queue} worker: ${error.message}`));
  worker.on('stalled', (jobId) => log.warn(`${queue} job ${jobId} stalled; it runs again`));
  worker.on('failed', (job, error) => {
    if (job) log.warn(`${queue} job ${job.id} failed: ${error.message}`);
  });
  return worker;
}

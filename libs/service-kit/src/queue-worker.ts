import { redisConnectionFields } from '@mixscope/contracts';
import { workerOptions, type QueueName } from '@mixscope/pipeline';
import { Worker, type Processor } from 'bullmq';
import type { ServiceConfig } from './service-config.ts';

export interface QueueWorkerLog {
  warn(message: string): void;
}

export type QueueWorkerConfig = Pick<ServiceConfig, 'redis' | 'queues'> & { workerName: string };

/** A BullMQ worker of one queue, with the settings of the per-queue table. */
export function createQueueWorker(
  config: QueueWorkerConfig,
  queue: QueueName,
  processor: Processor,
  log: QueueWorkerLog,
): Worker {
  const worker = new Worker(queue, processor, {
    connection: { ...redisConnectionFields(config.redis.url), maxRetriesPerRequest: null },
    prefix: config.redis.prefix,
    name: config.workerName,
    ...workerOptions(config.queues[queue]),
  });
  worker.on('error', (error) => log.warn(`${queue} worker: ${error.message}`));
  worker.on('stalled', (jobId) => log.warn(`${queue} job ${jobId} stalled; it runs again`));
  worker.on('failed', (job, error) => {
    if (job) log.warn(`${queue} job ${job.id} failed: ${error.message}`);
  });
  return worker;
}

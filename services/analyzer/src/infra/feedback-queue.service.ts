import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { redisConnectionFields, type WriteFeedbackPayload } from '@mixscope/contracts';
import { feedbackJob, QueueName } from '@mixscope/pipeline';
import { Queue } from 'bullmq';
import { ANALYZER_CONFIG, type AnalyzerConfig } from '../config/analyzer-config.ts';

/**
 * Producer of the `feedback` queue. The job id derives from the analysis id, so a finalize step
 * that runs twice leaves one feedback job. Commands fail at once while Redis is away: the
 * finalize job then fails and BullMQ retries it.
 */
@Injectable()
export class FeedbackQueueService implements OnApplicationShutdown {
  private readonly queue: Queue;

  constructor(@Inject(ANALYZER_CONFIG) private readonly config: AnalyzerConfig) {
    this.queue = new Queue(QueueName.feedback, {
      connection: {
        ...redisConnectionFields(config.redis.url),
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
      },
      prefix: config.redis.prefix,
    });
    // Connection errors surface on add(); without a listener they would also be thrown here.
    this.queue.on('error', () => {});
  }

  async enqueue(payload: WriteFeedbackPayload): Promise<void> {
    const job = feedbackJob(payload, this.config.queues);
    await this.queue.add(job.name, job.data, job.opts);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { WriteFeedbackPayload } from '@mixscope/contracts';
import {
  AnalysisRepository,
  analysisFlow,
  feedbackJob,
  jobIds,
  QueueName,
  type AnalysisFlowInput,
} from '@mixscope/pipeline';
import { FlowProducer, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { REDIS } from './redis.provider.ts';

/**
 * Producer side of the analysis pipeline: adds an analysis' flow (built by analysisFlow in
 * libs/pipeline) and looks up where its jobs stand. Job ids derive from the analysis id, so adding
 * the same analysis twice leaves one flow.
 */
@Injectable()
export class AnalysisQueueService implements OnApplicationShutdown {
  private readonly flows: FlowProducer;
  private readonly finalizeQueue: Queue;
  private readonly analyzeQueue: Queue;
  private readonly feedbackQueue: Queue;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly analyses: AnalysisRepository,
  ) {
    const shared = { connection: redis, prefix: config.redis.prefix };
    this.flows = new FlowProducer(shared);
    this.finalizeQueue = new Queue(QueueName.finalize, shared);
    this.analyzeQueue = new Queue(QueueName.analyze, shared);
    this.feedbackQueue = new Queue(QueueName.feedback, shared);
  }

  /** Adds the flow behind the team's earlier analyses but ahead of other teams' later ones. */
  async enqueue(input: AnalysisFlowInput): Promise<void> {
    const teamBacklog = await this.analyses.countUnfinished(input.teamId);
    await this.flows.add(analysisFlow({ ...input, teamBacklog }, this.config.queues));
  }

  /**
   * Where the analysis' flow stands in Redis: missing (never added, or lost), failed for good
   * (a job ran out of attempts or stalled too often), or present (waiting, running or done).
   */
  async flowState(analysisId: string): Promise<'missing' | 'failed' | 'present'> {
    const job = await this.finalizeQueue.getJob(jobIds.finalizeAnalysis(analysisId));
    if (!job) return 'missing';
    return (await job.isFailed()) ? 'failed' : 'present';
  }

  /**
   * The feedback job of a completed analysis (normally added by the analyzer's finalize step);
   * the job id makes a second add a no-op.
   */
  async enqueueFeedback(payload: WriteFeedbackPayload): Promise<void> {
    const job = feedbackJob(payload, this.config.queues);
    await this.feedbackQueue.add(job.name, job.data, job.opts);
  }

  /**
   * Where the feedback job stands in Redis. One that failed for good at least `retryAfterMs` ago
   * is put back to run again with all its attempts.
   */
  async feedbackState(
    analysisId: string,
    retryAfterMs: number,
  ): Promise<'missing' | 'retried' | 'present'> {
    const job = await this.feedbackQueue.getJob(jobIds.writeFeedback(analysisId));
    if (!job) return 'missing';
    if (!(await job.isFailed()) || (job.finishedOn ?? 0) > Date.now() - retryAfterMs) {
      return 'present';
    }
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return 'retried';
  }

  /** Drops the flow's jobs that have not started; running ones notice the analysis is gone. */
  async discard(analysisId: string): Promise<void> {
    const parentId = jobIds.finalizeAnalysis(analysisId);
    await this.finalizeQueue.remove(parentId, { removeChildren: true }).catch(() => 0);
    for (const role of ['mix', 'reference'] as const) {
      await this.analyzeQueue.remove(jobIds.analyzeTrack(analysisId, role)).catch(() => 0);
    }
    await this.feedbackQueue.remove(jobIds.writeFeedback(analysisId)).catch(() => 0);
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([
      this.flows.close(),
      this.finalizeQueue.close(),
      this.analyzeQueue.close(),
      this.feedbackQueue.close(),
    ]);
  }
}

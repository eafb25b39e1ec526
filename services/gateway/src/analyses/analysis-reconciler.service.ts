import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AnalysisRepository, flowInputOf } from '@mixscope/pipeline';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { AnalysisQueueService } from '../infra/analysis-queue.service.ts';

/** How long after completion a missing report is still worth another try. */
const REPORT_RECONCILE_WINDOW_MS = 24 * 3600_000;
/** A feedback job that failed for good runs again after this long, not on every pass. */
const FAILED_REPORT_RETRY_AFTER_MS = 10 * 60_000;

/**
 * Postgres is the record of what should run; Redis only holds the queue. Analyses that are queued
 * or running but whose flow is missing from Redis (Redis restarted empty, or was down when the
 * analysis was created) are enqueued again. Job ids derive from the analysis id and results are
 * upserted, so a second copy can never write twice. Analyses whose flow failed without the
 * worker recording a reason are marked failed. Completed analyses still without a report, whose
 * feedback job is missing or failed, get it enqueued or retried (for a day).
 */
@Injectable()
export class AnalysisReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AnalysisReconcilerService.name);
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly analyses: AnalysisRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly queue: AnalysisQueueService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.reconcile(), this.config.reconcile.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One pass; returns the ids it re-enqueued. */
  async reconcile(): Promise<string[]> {
    if (this.running) return [];
    this.running = true;
    const requeued: string[] = [];
    try {
      const stale = await this.analyses.findStale(
        new Date(Date.now() - this.config.reconcile.graceMs),
        100,
      );
      for (const analysis of stale) {
        const state = await this.queue.flowState(analysis.id);
        if (state === 'present') continue;
        if (state === 'failed') {
          // The worker could not record why (it died, or the database was away at that moment).
          await this.analyses.fail(
            analysis.id,
            'The analysis could not be completed; please try again',
            'RETRIES_EXHAUSTED',
          );
          continue;
        }
        await this.queue.enqueue(flowInputOf(analysis, analysis.upload, analysis.referenceUpload));
        await this.analyses.touch(analysis.id);
        requeued.push(analysis.id);
      }
      if (requeued.length)
        this.logger.log(`re-enqueued ${requeued.length} analyses missing from the queue`);
      await this.reconcileReports();
    } catch (error) {
      this.logger.warn(`reconcile skipped: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
    return requeued;
  }

  private async reconcileReports(): Promise<void> {
    const now = Date.now();
    const waiting = await this.analyses.findWithoutReport(
      {
        after: new Date(now - REPORT_RECONCILE_WINDOW_MS),
        before: new Date(now - this.config.reconcile.graceMs),
      },
      100,
    );
    let resumed = 0;
    for (const analysis of waiting) {
      const state = await this.queue.feedbackState(analysis.id, FAILED_REPORT_RETRY_AFTER_MS);
      if (state === 'present') continue;
      if (state === 'missing') {
        await this.queue.enqueueFeedback({
          analysisId: analysis.id,
          genre: analysis.genre,
          targets: analysis.targets,
        });
      }
      resumed++;
    }
    if (resumed) this.logger.log(`resumed the feedback of ${resumed} completed analyses`);
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { analyzeTrackPayloadSchema, type AnalyzeTrackPayload } from '@mixscope/contracts';
import { TRACK_STAGE_START_PERCENT } from '@mixscope/measure';
import {
  AnalysisRepository,
  isAnalysisGone,
  publishTrackProgress,
  QueueName,
  retryWhileUnavailable,
  unavailableDependency,
} from '@mixscope/pipeline';
import { UnrecoverableError, type Job } from 'bullmq';
import { ANALYZER_CONFIG, type AnalyzerConfig } from '../config/analyzer-config.ts';
import { ObjectMissingError } from '../infra/audio-storage.service.ts';
import { AnalyzerMetrics } from '../observability/analyzer-metrics.ts';
import { failureReason } from './failure-reason.ts';
import { ProgressReporter } from './progress-reporter.ts';
import { TrackMeasurerService } from './track-measurer.service.ts';

export type AnalyzeTrackOutcome =
  'measured' | 'already-measured' | 'analysis-gone' | 'analysis-failed';

/** Measures one track of an analysis and stores its result, at most once per (analysis, track). */
@Injectable()
export class AnalyzeTrackProcessor {
  private readonly logger = new Logger(AnalyzeTrackProcessor.name);

  constructor(
    @Inject(ANALYZER_CONFIG) private readonly config: AnalyzerConfig,
    private readonly analyses: AnalysisRepository,
    private readonly measurer: TrackMeasurerService,
    private readonly metrics: AnalyzerMetrics,
  ) {}

  async process(job: Job, signal?: AbortSignal): Promise<AnalyzeTrackOutcome> {
    const parsed = analyzeTrackPayloadSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid payload: ${parsed.error.message}`);
    const payload = parsed.data;
    const attempts = job.opts.attempts ?? 1;
    this.logger.log(`started ${job.id} (attempt ${job.attemptsMade + 1}/${attempts})`);
    try {
      const state = await this.analyses.beginTrack(payload.analysisId, payload.role);
      if (state !== 'to-measure') {
        this.logger.log(`skipped ${job.id}: ${state}`);
        return state;
      }
      await this.measureAndSave(job, payload, signal);
      this.logger.log(`finished ${job.id}`);
      return 'measured';
    } catch (error) {
      // Postgres or S3 away is no fault of the audio: the worker host puts the job back to wait.
      if (unavailableDependency(error)) throw error;
      if (
        isAnalysisGone(error) ||
        (error instanceof ObjectMissingError && (await this.isGone(payload)))
      ) {
        this.logger.log(`dropped ${job.id}: the analysis was deleted`);
        return 'analysis-gone';
      }
      const failure = failureReason(payload.role, error, attempts);
      const finalAttempt = failure.permanent || job.attemptsMade + 1 >= attempts;
      this.logger.warn(
        `${job.id} failed${finalAttempt ? '' : ', will retry'}: ${(error as Error).message}`,
      );
      if (finalAttempt) {
        // Recorded before BullMQ reports the failure, so listeners read the reason from the database.
        await this.analyses
          .fail(payload.analysisId, failure.reason, failure.code)
          .catch((e: Error) => {
            this.logger.error(
              `could not record the failure of ${payload.analysisId}: ${e.message}`,
            );
          });
      }
      if (failure.permanent) throw new UnrecoverableError(failure.reason);
      throw error;
    }
  }

  private async measureAndSave(
    job: Job,
    payload: AnalyzeTrackPayload,
    signal?: AbortSignal,
  ): Promise<void> {
    const reporter = new ProgressReporter(
      {
        analysisId: payload.analysisId,
        teamId: payload.teamId,
        role: payload.role,
        trackCount: payload.trackCount,
      },
      (progress) => publishTrackProgress(job, this.analyses, progress),
      (error) => this.logger.warn(`progress of ${job.id} not reported: ${error.message}`),
    );
    const { result, waveform } = await this.measurer.measure(
      payload,
      (p) => reporter.report(p.stage, p.percent),
      signal,
    );
    reporter.report('saving', TRACK_STAGE_START_PERCENT.saving);
    const saveStarted = performance.now();
    // A measurement is kept through a database outage and stored once Postgres answers.
    await retryWhileUnavailable(
      () => this.analyses.saveTrackResult(payload.analysisId, payload.role, result, waveform),
      {
        delayMs: this.config.queues.analyze.backoffDelayMs,
        signal,
        onWait: (dependency) =>
          this.logger.warn(`${job.id} measured; its result waits for the ${dependency}`),
      },
    );
    const { total: _total, ...stagesMs } = result.timingsMs;
    this.metrics.jobs.observeStages(QueueName.analyze, {
      ...stagesMs,
      save: performance.now() - saveStarted,
    });
    reporter.report('saving', 100);
    await reporter.flush();
  }

  private async isGone(payload: AnalyzeTrackPayload): Promise<boolean> {
    return (await this.analyses.exists(payload.analysisId).catch(() => true)) === false;
  }
}

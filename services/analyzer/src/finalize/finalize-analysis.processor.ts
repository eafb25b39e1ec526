import { Injectable, Logger } from '@nestjs/common';
import {
  finalizeAnalysisPayloadSchema,
  type AnalysisResult,
  type TrackRole,
} from '@mixscope/contracts';
import { compareResults } from '@mixscope/dsp';
import {
  AnalysisRepository,
  analysisTrackRoles,
  StoredDocumentError,
  type AnalysisToFinalize,
} from '@mixscope/pipeline';
import { UnrecoverableError, type Job } from 'bullmq';
import { FeedbackQueueService } from '../infra/feedback-queue.service.ts';

/**
 * The parent of an analysis flow: runs once every track is measured, compares mix and reference,
 * marks the analysis completed with its headline figures, and hands it to the `feedback` queue
 * (services/llm-worker) with the genre and target platforms the user chose.
 *
 * The analysis is completed before its report exists, so the measurements show at once while the
 * report is written. A run that finds the analysis already completed (a retry after a crash or a
 * lost connection between the two steps) enqueues the feedback again; the job id makes that a no-op
 * when the first run got that far.
 */
@Injectable()
export class FinalizeAnalysisProcessor {
  private readonly logger = new Logger(FinalizeAnalysisProcessor.name);

  constructor(
    private readonly analyses: AnalysisRepository,
    private readonly feedback: FeedbackQueueService,
  ) {}

  async process(job: Job): Promise<{ analysisId: string; status: string }> {
    const parsed = finalizeAnalysisPayloadSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid payload: ${parsed.error.message}`);
    const { analysisId, hasReference } = parsed.data;
    const analysis = await this.load(analysisId);
    if (!analysis) return { analysisId, status: 'deleted' };
    if (analysis.status === 'failed') return { analysisId, status: analysis.status };
    if (analysis.status !== 'completed') {
      const resultOf = (role: TrackRole): AnalysisResult => {
        const result = analysis.tracks[role];
        // A missing result means a child has not really finished; retrying waits for it.
        if (!result) throw new Error(`the ${role} result of ${analysisId} is missing`);
        return result;
      };
      const mix = resultOf('mix');
      const reference = hasReference ? resultOf('reference') : null;
      const comparison = reference ? compareResults(mix, reference) : null;
      const roles = analysisTrackRoles(hasReference);
      if (!(await this.analyses.complete(analysisId, mix, comparison, roles))) {
        return { analysisId, status: 'failed' };
      }
      this.logger.log(`completed analysis ${analysisId}`);
    }
    await this.feedback.enqueue({ analysisId, genre: analysis.genre, targets: analysis.targets });
    return { analysisId, status: 'completed' };
  }

  /** The analysis and its results; a stored result that breaks the contract fails it for good. */
  private async load(analysisId: string): Promise<AnalysisToFinalize | null> {
    try {
      return await this.analyses.findToFinalize(analysisId);
    } catch (error) {
      if (!(error instanceof StoredDocumentError)) throw error;
      await this.analyses.fail(
        analysisId,
        'The stored measurements could not be read; please run the analysis again',
        error.code,
      );
      throw new UnrecoverableError(error.message);
    }
  }
}

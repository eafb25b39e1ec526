import { Injectable, Logger } from '@nestjs/common';
import { compareResults } from '@mixscope/dsp';
import { type AnalysisResult } from '@mixscope/contracts';
import { finalizeAnalysisPayloadSchema, type TrackRole } from '@mixscope/contracts';
import { UnrecoverableError, type Job } from 'bullmq';
import { AnalysisStoreService } from '../analyze/analysis-store.service.ts';
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
    private readonly store: AnalysisStoreService,
    private readonly feedback: FeedbackQueueService,
  ) {}

  async process(job: Job): Promise<{ analysisId: string; status: string }> {
    const parsed = finalizeAnalysisPayloadSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid payload: ${parsed.error.message}`);
    const { analysisId, hasReference } = parsed.data;
    const analysis = await this.store.loadTracks(analysisId);
    if (!analysis) return { analysisId, status: 'deleted' };
    if (analysis.status === 'failed') return { analysisId, status: analysis.status };
    if (analysis.status !== 'completed') {
      const resultOf = (role: TrackRole) => {
        const track = analysis.tracks.find((t) => t.role === role);
        // A missing result means a child has not really finished; retrying waits for it.
        if (!track) throw new Error(`the ${role} result of ${analysisId} is missing`);
        return track.result as unknown as AnalysisResult;
      };
      const mix = resultOf('mix');
      const reference = hasReference ? resultOf('reference') : null;
      const comparison = reference ? compareResults(mix, reference) : null;
      const roles: TrackRole[] = hasReference ? ['mix', 'reference'] : ['mix'];
      if (!(await this.store.complete(analysisId, mix, comparison, roles))) {
        return { analysisId, status: 'failed' };
      }
      this.logger.log(`completed analysis ${analysisId}`);
    }
    await this.feedback.enqueue({ analysisId, genre: analysis.genre, targets: analysis.targets });
    return { analysisId, status: 'completed' };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { compareResults, type AnalysisResult } from '@mixscope/audio-analysis';
import { finalizeAnalysisPayloadSchema, type TrackRole } from '@mixscope/contracts';
import { UnrecoverableError, type Job } from 'bullmq';
import { AnalysisStoreService } from '../analyze/analysis-store.service.ts';

/**
 * The parent of an analysis flow: runs once every track is measured, compares mix and reference,
 * and marks the analysis completed with its headline figures.
 *
 * The written feedback (services/llm-worker, queue `feedback`) is a follow-up step: once that
 * worker exists, either enqueue QueueName.feedback here or make it the flow's parent instead.
 */
@Injectable()
export class FinalizeAnalysisProcessor {
  private readonly logger = new Logger(FinalizeAnalysisProcessor.name);

  constructor(private readonly store: AnalysisStoreService) {}

  async process(job: Job): Promise<{ analysisId: string; status: string }> {
    const parsed = finalizeAnalysisPayloadSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid payload: ${parsed.error.message}`);
    const { analysisId, hasReference } = parsed.data;
    const analysis = await this.store.loadTracks(analysisId);
    if (!analysis) return { analysisId, status: 'deleted' };
    if (analysis.status === 'failed' || analysis.status === 'completed') {
      return { analysisId, status: analysis.status };
    }
    const resultOf = (role: TrackRole) => {
      const track = analysis.tracks.find((t) => t.role === role);
      // A missing result means a child has not really finished; retrying waits for it.
      if (!track) throw new Error(`the ${role} result of ${analysisId} is missing`);
      return track.result as unknown as AnalysisResult;
    };
    const mix = resultOf('mix');
    const reference = hasReference ? resultOf('reference') : null;
    const comparison = reference ? compareResults(mix, reference) : null;
    await this.store.complete(
      analysisId,
      mix,
      comparison,
      hasReference ? ['mix', 'reference'] : ['mix'],
    );
    this.logger.log(`completed analysis ${analysisId}`);
    return { analysisId, status: 'completed' };
  }
}

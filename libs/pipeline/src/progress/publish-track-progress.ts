import type { TrackProgress } from '@mixscope/contracts';
import type { Job } from 'bullmq';
import type { AnalysisRepository } from '../analyses/analysis-repository.ts';

/**
 * Publishes one track's progress: first into analyses.progress, where REST reads it, then as the
 * job's progress event, which the gateway relays over Socket.IO. In that order, a client that is
 * told of a step and then asks REST finds that step (or a later one) already stored.
 */
export async function publishTrackProgress(
  job: Pick<Job, 'updateProgress'>,
  repository: Pick<AnalysisRepository, 'recordProgress'>,
  progress: TrackProgress,
): Promise<void> {
  await repository.recordProgress(progress.analysisId, progress.role, progress, () =>
    job.updateProgress(progress),
  );
}

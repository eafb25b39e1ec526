import {
  analyzeTrackPayloadSchema,
  finalizeAnalysisPayloadSchema,
  writeFeedbackPayloadSchema,
  type AnalyzeTrackPayload,
  type FinalizeAnalysisPayload,
  type TrackRole,
  type WriteFeedbackPayload,
} from '@mixscope/contracts';
import type { FlowJob, JobsOptions, WorkerOptions } from 'bullmq';
import type { TrackUpload } from '../analyses/analysis-records.ts';
import { JobName, QueueName, jobIds } from './queue-names.ts';
import type { QueueSettings, QueueSettingsTable } from './queue-settings.ts';

/** The payload schema of each job name: a consumer parses `job.data` with it. */
export const jobPayloadSchemas = {
  [JobName.analyzeTrack]: analyzeTrackPayloadSchema,
  [JobName.finalizeAnalysis]: finalizeAnalysisPayloadSchema,
  [JobName.writeFeedback]: writeFeedbackPayloadSchema,
} as const;

/** Attempts, backoff and retention of a job from its queue's settings, under a derived id. */
export function jobOptions(settings: QueueSettings, jobId: string): JobsOptions {
  return {
    jobId,
    attempts: settings.attempts,
    backoff: { type: 'exponential', delay: settings.backoffDelayMs },
    removeOnComplete: settings.removeOnComplete,
    removeOnFail: settings.removeOnFail,
  };
}

/** What a worker of a queue takes from its settings. */
export function workerOptions(
  settings: QueueSettings,
): Pick<WorkerOptions, 'concurrency' | 'lockDuration' | 'stalledInterval' | 'maxStalledCount'> {
  return {
    concurrency: settings.concurrency,
    lockDuration: settings.lockDurationMs,
    stalledInterval: settings.stalledIntervalMs,
    maxStalledCount: settings.maxStalledCount,
  };
}

export interface AnalysisFlowInput {
  analysisId: string;
  teamId: string;
  /**
   * The team's queued or running analyses, this one included, when it is enqueued. It becomes the
   * jobs' priority (see fairPriority); unset means the front of the queue.
   */
  teamBacklog?: number;
  tracks: Omit<AnalyzeTrackPayload, 'analysisId' | 'teamId' | 'trackCount'>[];
}

/** The flow input of an analysis from its uploads, the same at creation and when re-enqueueing. */
export function flowInputOf(
  analysis: { id: string; teamId: string },
  mix: TrackUpload,
  reference: TrackUpload | null,
): AnalysisFlowInput {
  const track = (role: TrackRole, upload: TrackUpload) => ({
    role,
    uploadId: upload.id,
    objectKey: upload.objectKey,
    fileName: upload.fileName,
    sizeBytes: upload.sizeBytes ?? upload.declaredSizeBytes,
  });
  return {
    analysisId: analysis.id,
    teamId: analysis.teamId,
    tracks: reference ? [track('mix', mix), track('reference', reference)] : [track('mix', mix)],
  };
}

/** BullMQ's highest priority number (the lowest priority). */
const LOWEST_PRIORITY = 2_097_152;

/**
 * Fair shares across teams with open-source BullMQ: a job's priority is its team's backlog, so
 * the n-th outstanding analysis of every team has priority n, and workers take the first
 * analysis of each team before the second of any (BullMQ runs lower numbers first, first in,
 * first out within one number). A team that queues twenty analyses cannot make another team's
 * single analysis wait for more than the job that is already running.
 */
export function fairPriority(teamBacklog: number | undefined): number {
  return Math.min(Math.max(1, Math.round(teamBacklog ?? 1)), LOWEST_PRIORITY);
}

/**
 * An analysis as one BullMQ flow: an `analyze` child per track (mix, and reference when there is
 * one) running in parallel, and a `finalize` parent that finishes the analysis once all children
 * are done. A child that fails for good fails the parent.
 */
export function analysisFlow(input: AnalysisFlowInput, queues: QueueSettingsTable): FlowJob {
  const { analysisId, teamId } = input;
  const trackCount = input.tracks.length;
  const priority = fairPriority(input.teamBacklog);
  const finalize: FinalizeAnalysisPayload = {
    analysisId,
    teamId,
    hasReference: input.tracks.some((t) => t.role === 'reference'),
  };
  return {
    name: JobName.finalizeAnalysis,
    queueName: QueueName.finalize,
    data: finalize,
    opts: { ...jobOptions(queues.finalize, jobIds.finalizeAnalysis(analysisId)), priority },
    children: input.tracks.map((track) => {
      const data: AnalyzeTrackPayload = { analysisId, teamId, trackCount, ...track };
      return {
        name: JobName.analyzeTrack,
        queueName: QueueName.analyze,
        data,
        opts: {
          ...jobOptions(queues.analyze, jobIds.analyzeTrack(analysisId, track.role)),
          priority,
          failParentOnFailure: true,
        },
      };
    }),
  };
}

/** The `write-feedback` job of an analysis, as both the analyzer and the reconciler add it. */
export function feedbackJob(
  payload: WriteFeedbackPayload,
  queues: QueueSettingsTable,
): { name: typeof JobName.writeFeedback; data: WriteFeedbackPayload; opts: JobsOptions } {
  return {
    name: JobName.writeFeedback,
    data: payload,
    opts: jobOptions(queues.feedback, jobIds.writeFeedback(payload.analysisId)),
  };
}

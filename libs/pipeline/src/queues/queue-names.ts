import type { TrackRole } from '@mixscope/contracts';

/**
 * Queue and job names. They are persisted in Redis: renaming one strands the jobs already queued
 * under the old name, so never rename the strings.
 */
export const QueueName = {
  /** Measures one track (the mix or the reference) of an analysis. */
  analyze: 'analyze',
  /** Parent of a flow: runs when every `analyze` child has finished and completes the analysis. */
  finalize: 'finalize',
  /** Written feedback for a completed analysis (services/llm-worker); `finalize` enqueues it. */
  feedback: 'feedback',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = {
  analyzeTrack: 'analyze-track',
  finalizeAnalysis: 'finalize-analysis',
  writeFeedback: 'write-feedback',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/**
 * Job ids derive from the analysis id, so enqueueing the same analysis twice is a no-op and a
 * retried job overwrites rather than duplicates. BullMQ reserves ':' in custom ids, hence '.'.
 */
export const jobIds = {
  analyzeTrack: (analysisId: string, role: TrackRole) => `${analysisId}.${role}`,
  finalizeAnalysis: (analysisId: string) => `${analysisId}.finalize`,
  writeFeedback: (analysisId: string) => `${analysisId}.feedback`,
};

/** The analysis id a job id above was derived from. */
export function analysisIdOfJob(jobId: string | undefined): string | null {
  if (!jobId) return null;
  const dot = jobId.indexOf('.');
  return dot > 0 ? jobId.slice(0, dot) : null;
}

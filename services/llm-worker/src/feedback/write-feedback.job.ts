import type { AnalysisResult } from '@mixscope/contracts';
import { writeFeedbackPayloadSchema } from '@mixscope/contracts';
import { buildFeedback, FeedbackError, type Feedback, type GroqOptions } from '@mixscope/feedback';
import { UnrecoverableError, type Job } from 'bullmq';
import type { FeedbackStore } from './feedback-store.ts';

export interface WriteFeedbackDeps {
  store: FeedbackStore;
  groq: GroqOptions;
  log: { log(message: string): void; warn(message: string): void };
}

export type WriteFeedbackOutcome =
  | { analysisId: string; status: 'written'; source: Feedback['source'] }
  | { analysisId: string; status: 'analysis-gone' };

/** A stale genre or platform id in the job must not cost the user their report: drop it and say so. */
async function feedbackFor(
  result: AnalysisResult,
  genre: string | null,
  targets: string[],
  deps: WriteFeedbackDeps,
): Promise<Feedback> {
  const known = new Set(result.loudness.platforms.map((row) => row.id));
  const unknown = targets.filter((id) => !known.has(id));
  if (unknown.length > 0) deps.log.warn(`ignoring unknown platforms: ${unknown.join(', ')}`);
  const options = { platforms: targets.filter((id) => known.has(id)), groq: deps.groq };
  try {
    return await buildFeedback(result, { ...options, genre: genre ?? undefined });
  } catch (error) {
    if (!(error instanceof FeedbackError) || error.code !== 'UNKNOWN_GENRE') throw error;
    deps.log.warn(`${error.message}; using auto`);
    return buildFeedback(result, options);
  }
}

/**
 * The `write-feedback` job: loads the completed analysis, builds the feedback (the LLM's report,
 * or the rules report when the LLM is not configured or fails) and stores it. LLM trouble never
 * fails the job; only database trouble or an unfinished analysis does, and BullMQ retries those.
 */
export async function writeFeedback(
  job: Job,
  deps: WriteFeedbackDeps,
): Promise<WriteFeedbackOutcome> {
  const parsed = writeFeedbackPayloadSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid payload: ${parsed.error.message}`);
  const { analysisId, genre, targets } = parsed.data;

  const loaded = await deps.store.load(analysisId);
  if (loaded.state === 'gone') {
    deps.log.log(`dropped ${job.id}: the analysis was deleted`);
    return { analysisId, status: 'analysis-gone' };
  }
  // The analysis may still be finishing: throwing lets BullMQ retry with backoff.
  if (loaded.state === 'not-completed')
    throw new Error(`analysis ${analysisId} is not completed (${loaded.status})`);

  const feedback = await feedbackFor(loaded.result, genre, targets, deps);
  await deps.store.save(analysisId, feedback);
  const usage = feedback.usage ? `, ${feedback.usage.totalTokens} tokens` : '';
  const why = feedback.fallbackReason ? ` (${feedback.fallbackReason})` : '';
  deps.log.log(`wrote ${feedback.source} feedback for ${analysisId}${usage}${why}`);
  return { analysisId, status: 'written', source: feedback.source };
}

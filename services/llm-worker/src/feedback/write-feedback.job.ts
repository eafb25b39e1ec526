import { writeFeedbackPayloadSchema, type Feedback } from '@mixscope/contracts';
import { buildFeedback, FeedbackError, type GroqOptions } from '@mixscope/feedback';
import {
  StoredDocumentError,
  type AnalysisForFeedback,
  type AnalysisRepository,
} from '@mixscope/pipeline';
import { UnrecoverableError, type Job } from 'bullmq';

export interface WriteFeedbackDeps {
  analyses: Pick<AnalysisRepository, 'findForFeedback' | 'saveReport'>;
  groq: GroqOptions;
  log: { log(message: string): void; warn(message: string): void };
}

export type WriteFeedbackOutcome =
  | { analysisId: string; status: 'written'; source: Feedback['source'] }
  | { analysisId: string; status: 'analysis-gone' };

/**
 * The `write-feedback` job: loads the completed analysis, builds the feedback (the LLM's report,
 * or the rules report when the LLM is not configured or fails) and stores it. LLM trouble never
 * fails the job; only database trouble or an unfinished analysis does, and BullMQ retries those.
 * LLM calls are retried in one layer only: the groq-sdk client inside buildFeedback
 * (GROQ_MAX_RETRIES, Retry-After, GROQ_TOTAL_TIMEOUT_MS). An LLM failure after those retries ends
 * in the rules report, not in a throw, so BullMQ's attempts are never spent on the LLM.
 * The gateway accepts only known genre and platform ids, so an unknown one here is a bug: the job
 * fails for good, naming it, rather than writing a report for choices the user did not make.
 */
export async function writeFeedback(
  job: Job,
  deps: WriteFeedbackDeps,
): Promise<WriteFeedbackOutcome> {
  const parsed = writeFeedbackPayloadSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid payload: ${parsed.error.message}`);
  const { analysisId, genre, targets } = parsed.data;

  const loaded = await load(deps, analysisId);
  if (loaded.state === 'gone') {
    deps.log.log(`dropped ${job.id}: the analysis was deleted`);
    return { analysisId, status: 'analysis-gone' };
  }
  // The analysis may still be finishing: throwing lets BullMQ retry with backoff.
  if (loaded.state === 'not-completed')
    throw new Error(`analysis ${analysisId} is not completed (${loaded.status})`);

  // A target profile was copied onto the analysis when it was requested; the genre is then null.
  const feedback = await buildFeedback(loaded.result, {
    genre: genre ?? undefined,
    target: loaded.target ?? undefined,
    platforms: targets,
    groq: deps.groq,
  }).catch((error: unknown) => {
    if (error instanceof FeedbackError) throw new UnrecoverableError(error.message);
    throw error;
  });
  await deps.analyses.saveReport(analysisId, feedback);
  const usage = feedback.usage ? `, ${feedback.usage.totalTokens} tokens` : '';
  const why = feedback.fallbackReason ? ` (${feedback.fallbackReason})` : '';
  deps.log.log(`wrote ${feedback.source} feedback for ${analysisId}${usage}${why}`);
  return { analysisId, status: 'written', source: feedback.source };
}

/** The stored analysis; one that breaks the contract cannot get a report, however often tried. */
async function load(deps: WriteFeedbackDeps, analysisId: string): Promise<AnalysisForFeedback> {
  try {
    return await deps.analyses.findForFeedback(analysisId);
  } catch (error) {
    if (error instanceof StoredDocumentError) throw new UnrecoverableError(error.message);
    throw error;
  }
}

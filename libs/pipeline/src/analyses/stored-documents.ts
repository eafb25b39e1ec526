import {
  feedbackSchema,
  progressStageSchema,
  safeParseAnalysisResult,
  targetProfileSchema,
  trackRoleSchema,
  type AnalysisResult,
  type Feedback,
  type TargetProfile,
  type WaveformDto,
} from '@mixscope/contracts';
import { z } from 'zod';
import type { TracksProgress } from '../progress/overall-progress.ts';
import { attachReference } from '@mixscope/contracts';
import { StoredDocumentError } from './stored-document-error.ts';

/** analyses.progress: the latest report of each track, as the analyzer records it. */
const storedProgressSchema = z.partialRecord(
  trackRoleSchema,
  z.object({ stage: progressStageSchema, percent: z.number().min(0).max(100) }),
);

export function parseStoredProgress(analysisId: string, value: unknown): TracksProgress {
  const parsed = storedProgressSchema.safeParse(value ?? {});
  if (!parsed.success) throw new StoredDocumentError(analysisId, 'progress', parsed.error.message);
  return parsed.data;
}

/** One stored track result, validated. */
export function parseStoredResult(analysisId: string, value: unknown): AnalysisResult {
  const parsed = safeParseAnalysisResult(value);
  if (!parsed.success) throw new StoredDocumentError(analysisId, 'result', parsed.error.message);
  return parsed.data;
}

/**
 * The mix's stored result with the reference's and the stored comparison attached, validated as
 * one document (so the comparison is checked too).
 */
export function parseStoredAnalysis(
  analysisId: string,
  stored: { mix: unknown; reference: unknown; comparison: unknown },
): AnalysisResult {
  return parseStoredResult(
    analysisId,
    attachReference(stored.mix, stored.reference, stored.comparison),
  );
}

/** A stored report: the Feedback buildFeedback returned, validated. */
export function parseStoredReport(analysisId: string, value: unknown): Feedback {
  const parsed = feedbackSchema.safeParse(value);
  if (!parsed.success) throw new StoredDocumentError(analysisId, 'report', parsed.error.message);
  return parsed.data;
}

/** One level of a track's stored waveform (track_results.waveform -> 'overview' or 'detail'). */
const storedWaveformLevelSchema = z.object({
  durationSec: z.number().nonnegative(),
  pointsPerSecond: z.number().nonnegative(),
  channels: z.array(
    z.object({ min: z.array(z.number().min(-1).max(1)), max: z.array(z.number().min(-1).max(1)) }),
  ),
});

export function parseStoredWaveform(analysisId: string, value: unknown): WaveformDto {
  const parsed = storedWaveformLevelSchema.safeParse(value);
  if (!parsed.success) throw new StoredDocumentError(analysisId, 'waveform', parsed.error.message);
  return parsed.data;
}

/** The target profile copied onto an analysis when it was requested, validated. */
export function parseStoredTargetProfile(analysisId: string, value: unknown): TargetProfile {
  const parsed = targetProfileSchema.safeParse(value);
  if (!parsed.success)
    throw new StoredDocumentError(analysisId, 'target profile', parsed.error.message);
  return parsed.data;
}

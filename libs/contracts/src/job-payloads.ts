import { z } from 'zod';
import { PROGRESS_STAGES } from './progress-stages.ts';

export const progressStageSchema = z.enum(PROGRESS_STAGES);
export type ProgressStage = z.infer<typeof progressStageSchema>;

export const trackRoleSchema = z.enum(['mix', 'reference']);
export type TrackRole = z.infer<typeof trackRoleSchema>;

export const analyzeTrackPayloadSchema = z.object({
  analysisId: z.uuid(),
  teamId: z.uuid(),
  role: trackRoleSchema,
  /** How many tracks the analysis has (1, or 2 with a reference): lets listeners combine progress. */
  trackCount: z.number().int().min(1).max(2),
  uploadId: z.uuid(),
  objectKey: z.string().min(1),
  fileName: z.string().min(1).max(255),
  sizeBytes: z.number().int().positive(),
});
export type AnalyzeTrackPayload = z.infer<typeof analyzeTrackPayloadSchema>;

export const finalizeAnalysisPayloadSchema = z.object({
  analysisId: z.uuid(),
  teamId: z.uuid(),
  hasReference: z.boolean(),
});
export type FinalizeAnalysisPayload = z.infer<typeof finalizeAnalysisPayloadSchema>;

export const writeFeedbackPayloadSchema = z.object({
  analysisId: z.uuid(),
  genre: z.string().nullable(),
  targets: z.array(z.string()),
});
export type WriteFeedbackPayload = z.infer<typeof writeFeedbackPayloadSchema>;

/** What an `analyze` job reports through job.updateProgress. */
export const trackProgressSchema = z.object({
  analysisId: z.uuid(),
  teamId: z.uuid(),
  role: trackRoleSchema,
  trackCount: z.number().int().min(1).max(2),
  stage: progressStageSchema,
  percent: z.number().min(0).max(100),
});
export type TrackProgress = z.infer<typeof trackProgressSchema>;

import { z } from 'zod';
import { analysisResultShape } from './analysis/analysis-result.ts';
import { feedbackSchema } from './feedback/feedback-report.ts';
import { targetProfileSchema } from './feedback/target-profile.ts';
import { progressStageSchema, trackRoleSchema } from './job-payloads.ts';
import { TEAM_ROLES } from './studio/team-roles.ts';

/**
 * Response shapes of the gateway's JSON API under /api. Each is a zod schema (the gateway's
 * OpenAPI document publishes them, by their meta id) and the type inferred from it.
 */

const isoDate = () => z.string().describe('ISO 8601 date and time');
const uuid = () => z.string().describe('UUID');
const teamRoleSchema = z.enum(TEAM_ROLES);

export const analysisStatusSchema = z.enum(['queued', 'running', 'completed', 'failed']);
export type AnalysisStatus = z.infer<typeof analysisStatusSchema>;
export const reportStatusSchema = z.enum(['pending', 'ready']);
export type ReportStatus = z.infer<typeof reportStatusSchema>;

export const userDtoSchema = z
  .object({ id: uuid(), email: z.string(), name: z.string(), createdAt: isoDate() })
  .meta({ id: 'UserDto' });
export type UserDto = z.infer<typeof userDtoSchema>;

export const teamDtoSchema = z
  .object({ id: uuid(), name: z.string(), role: teamRoleSchema })
  .meta({ id: 'TeamDto' });
export type TeamDto = z.infer<typeof teamDtoSchema>;

export const signupResponseSchema = z
  .object({
    user: userDtoSchema,
    team: teamDtoSchema.describe(
      "The new account's own team, or the inviting team when it signed up with an invite token.",
    ),
    accessToken: z.string(),
  })
  .meta({ id: 'SignupResponse' });
export type SignupResponse = z.infer<typeof signupResponseSchema>;

/**
 * POST /api/auth/signup without an invitation answers 202 with this, whether or not the address
 * is registered: the account is made when the mailed link is followed (POST /api/auth/signup/verify).
 */
export const signupPendingResponseSchema = z
  .object({ status: z.literal('check-email'), email: z.string(), message: z.string() })
  .meta({ id: 'SignupPendingResponse' });
export type SignupPendingResponse = z.infer<typeof signupPendingResponseSchema>;

export const loginResponseSchema = z
  .object({ accessToken: z.string() })
  .meta({ id: 'LoginResponse' });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const meResponseSchema = z
  .object({ user: userDtoSchema, teams: z.array(teamDtoSchema) })
  .meta({ id: 'MeResponse' });
export type MeResponse = z.infer<typeof meResponseSchema>;

export const inviteResponseSchema = z
  .object({
    invite: z.object({
      id: uuid(),
      teamId: uuid(),
      email: z.string(),
      role: teamRoleSchema,
      expiresAt: isoDate(),
    }),
    token: z
      .string()
      .describe('Shown once; the invitee accepts with POST /api/invites/:token/accept.'),
    emailed: z
      .boolean()
      .describe('Whether the invitation mail (with the link) was handed to the SMTP server.'),
  })
  .meta({ id: 'InviteResponse' });
export type InviteResponse = z.infer<typeof inviteResponseSchema>;

export const acceptInviteResponseSchema = z
  .object({ team: teamDtoSchema })
  .meta({ id: 'AcceptInviteResponse' });
export type AcceptInviteResponse = z.infer<typeof acceptInviteResponseSchema>;

export const apiTokenResponseSchema = z
  .object({
    id: uuid(),
    name: z.string(),
    token: z.string().describe('Shown once; only its hash is stored.'),
    createdAt: isoDate(),
    expiresAt: isoDate().nullable(),
  })
  .meta({ id: 'ApiTokenResponse' });
export type ApiTokenResponse = z.infer<typeof apiTokenResponseSchema>;

/** GET /api/tokens: the caller's live tokens, without their secrets. */
export const apiTokenDtoSchema = z
  .object({
    id: uuid(),
    name: z.string(),
    createdAt: isoDate(),
    expiresAt: isoDate().nullable(),
    lastUsedAt: isoDate().nullable(),
  })
  .meta({ id: 'ApiTokenDto' });
export type ApiTokenDto = z.infer<typeof apiTokenDtoSchema>;

export const projectDtoSchema = z
  .object({ id: uuid(), teamId: uuid(), name: z.string(), createdAt: isoDate() })
  .meta({ id: 'ProjectDto' });
export type ProjectDto = z.infer<typeof projectDtoSchema>;

export const uploadStatusSchema = z.enum(['pending', 'ready', 'rejected', 'deleted']);
export type UploadStatus = z.infer<typeof uploadStatusSchema>;

export const uploadDtoSchema = z
  .object({
    id: uuid(),
    projectId: uuid(),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number(),
    status: uploadStatusSchema,
    container: z.string().nullable(),
    createdAt: isoDate(),
    completedAt: isoDate().nullable(),
  })
  .meta({ id: 'UploadDto' });
export type UploadDto = z.infer<typeof uploadDtoSchema>;

/** POST /api/uploads/:id/complete */
export const completeUploadResponseSchema = z
  .object({ upload: uploadDtoSchema })
  .meta({ id: 'CompleteUploadResponse' });
export type CompleteUploadResponse = z.infer<typeof completeUploadResponseSchema>;

export const presignedUploadResponseSchema = z
  .object({
    uploadId: uuid(),
    url: z.string(),
    method: z.literal('PUT'),
    headers: z.record(z.string(), z.string()),
    expiresAt: isoDate(),
  })
  .meta({ id: 'PresignedUploadResponse' });
export type PresignedUploadResponse = z.infer<typeof presignedUploadResponseSchema>;

export const createAnalysisResponseSchema = z
  .object({ analysisId: uuid(), status: z.literal('queued') })
  .meta({ id: 'CreateAnalysisResponse' });
export type CreateAnalysisResponse = z.infer<typeof createAnalysisResponseSchema>;

export const analysisTimingsSchema = z
  .object({
    queuedMs: z.number().nullable().describe('Time from creation until a worker picked it up.'),
    runMs: z.number().nullable().describe('Time from pick-up until completion or failure.'),
    totalMs: z.number().nullable(),
    stagesMs: z
      .record(z.string(), z.number())
      .describe("The analyzer's own wall time per stage for the mix."),
  })
  .meta({ id: 'AnalysisTimings' });
export type AnalysisTimings = z.infer<typeof analysisTimingsSchema>;

export const headlineFiguresSchema = z
  .object({
    integratedLufs: z.number().nullable(),
    truePeakDbtp: z.number().nullable(),
    loudnessRangeLu: z.number().nullable(),
    plrDb: z.number().nullable(),
    dynamicRangeDb: z.number().nullable(),
    widthScore: z.number().nullable(),
    bpm: z.number().nullable(),
    key: z.string().nullable(),
    durationSec: z.number().nullable(),
  })
  .meta({ id: 'HeadlineFigures' });
export type HeadlineFigures = z.infer<typeof headlineFiguresSchema>;

export const analysisDtoSchema = z
  .object({
    id: uuid(),
    projectId: uuid(),
    createdById: uuid().describe(
      'Who started it: a member may delete only their own (see team-roles.ts).',
    ),
    revision: z.number().int(),
    title: z.string().nullable(),
    genre: z.string().nullable(),
    targets: z.array(z.string()),
    status: analysisStatusSchema,
    stage: progressStageSchema.nullable(),
    percent: z.number(),
    error: z.string().optional(),
    result: analysisResultShape
      .optional()
      .describe(
        'The document `mixscope analyze --json` prints for the same file (with reference and comparison when there is a reference).',
      ),
    report: feedbackSchema
      .optional()
      .describe(
        'The written feedback, the object `mixscope analyze --json --feedback` prints under `feedback`. It is written after the measurements, so a completed analysis may not have it yet: see reportStatus.',
      ),
    reportStatus: reportStatusSchema
      .optional()
      .describe(
        'For a completed analysis: whether `report` is there yet (the socket says analysis.report when it is).',
      ),
    createdAt: isoDate(),
    timings: analysisTimingsSchema,
  })
  .meta({ id: 'AnalysisDto' });
export type AnalysisDto = z.infer<typeof analysisDtoSchema>;

export const analysisSummaryDtoSchema = z
  .object({
    id: uuid(),
    revision: z.number().int(),
    title: z.string().nullable(),
    status: analysisStatusSchema,
    fileName: z.string(),
    referenceFileName: z.string().nullable(),
    createdAt: isoDate(),
    completedAt: isoDate().nullable(),
    headline: headlineFiguresSchema,
  })
  .meta({ id: 'AnalysisSummaryDto' });
export type AnalysisSummaryDto = z.infer<typeof analysisSummaryDtoSchema>;

export const analysisListResponseSchema = z
  .object({
    items: z.array(analysisSummaryDtoSchema),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as ?cursor= for the next (older) page; null when there is none.'),
  })
  .meta({ id: 'AnalysisListResponse' });
export type AnalysisListResponse = z.infer<typeof analysisListResponseSchema>;

export const apiErrorBodySchema = z
  .object({
    statusCode: z.number().int(),
    error: z.string(),
    message: z.union([z.string(), z.array(z.string())]),
  })
  .meta({ id: 'ApiErrorBody' });
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/** GET /api/health and GET /api/ready */
export const healthResponseSchema = z
  .object({
    status: z.enum(['ok', 'ready']),
    checks: z
      .object({ postgres: z.string(), redis: z.string(), s3: z.string() })
      .optional()
      .describe('Readiness only: "ok" or why the service is unreachable.'),
  })
  .meta({ id: 'HealthResponse' });
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** GET /api/teams/:teamId/members */
export const memberDtoSchema = z
  .object({
    userId: uuid(),
    name: z.string(),
    email: z.string(),
    role: teamRoleSchema,
    joinedAt: isoDate(),
  })
  .meta({ id: 'MemberDto' });
export type MemberDto = z.infer<typeof memberDtoSchema>;

/** GET /api/teams/:teamId/invites: pending (not accepted, not revoked, not expired) invites. */
export const pendingInviteDtoSchema = z
  .object({
    id: uuid(),
    email: z.string(),
    role: teamRoleSchema,
    invitedBy: z.object({ id: uuid(), name: z.string() }),
    createdAt: isoDate(),
    expiresAt: isoDate(),
  })
  .meta({ id: 'PendingInviteDto' });
export type PendingInviteDto = z.infer<typeof pendingInviteDtoSchema>;

export type TrackName = z.infer<typeof trackRoleSchema>;

/** One channel's min/max envelope: point i covers [i / pointsPerSecond, (i + 1) / pointsPerSecond). */
export const waveformChannelSchema = z
  .object({ min: z.array(z.number()), max: z.array(z.number()) })
  .meta({ id: 'WaveformChannel' });
export type WaveformChannel = z.infer<typeof waveformChannelSchema>;

/** GET /api/analyses/:id/waveform?track=mix|reference[&detail=1] */
export const waveformDtoSchema = z
  .object({
    durationSec: z.number(),
    pointsPerSecond: z.number(),
    channels: z.array(waveformChannelSchema),
  })
  .meta({ id: 'WaveformDto' });
export type WaveformDto = z.infer<typeof waveformDtoSchema>;

/** GET /api/analyses/:id/audio?track=mix|reference: a presigned GET of the original file. */
export const audioUrlResponseSchema = z
  .object({ url: z.string(), expiresAt: isoDate() })
  .meta({ id: 'AudioUrlResponse' });
export type AudioUrlResponse = z.infer<typeof audioUrlResponseSchema>;

/** POST /api/analyses/:id/comments, GET /api/analyses/:id/comments (time order). */
export const commentDtoSchema = z
  .object({
    id: uuid(),
    analysisId: uuid(),
    author: z.object({ id: uuid(), name: z.string() }),
    body: z.string(),
    atSec: z.number(),
    endSec: z.number().nullable(),
    parentId: uuid().nullable(),
    resolved: z.boolean(),
    createdAt: isoDate(),
  })
  .meta({ id: 'CommentDto' });
export type CommentDto = z.infer<typeof commentDtoSchema>;

/** POST /api/analyses/:id/shares → 201 */
export const shareCreatedResponseSchema = z
  .object({
    id: uuid(),
    token: z.string().describe('Shown once; only its hash is stored.'),
    url: z.string(),
    expiresAt: isoDate(),
  })
  .meta({ id: 'ShareCreatedResponse' });
export type ShareCreatedResponse = z.infer<typeof shareCreatedResponseSchema>;

/** GET /api/analyses/:id/shares */
export const shareDtoSchema = z
  .object({
    id: uuid(),
    createdBy: z.object({ id: uuid(), name: z.string() }),
    includeComments: z.boolean(),
    createdAt: isoDate(),
    expiresAt: isoDate(),
    revokedAt: isoDate().nullable(),
    lastAccessAt: isoDate().nullable(),
    accessCount: z.number().int(),
  })
  .meta({ id: 'ShareDto' });
export type ShareDto = z.infer<typeof shareDtoSchema>;

/**
 * GET /api/teams/:teamId/profiles, POST (201) and GET /api/profiles/:id: a team's target profile,
 * built from its own completed analyses (their mix results).
 */
export const targetProfileDtoSchema = z
  .object({
    id: uuid(),
    teamId: uuid(),
    name: z.string(),
    createdBy: z.object({ id: uuid(), name: z.string() }),
    createdAt: isoDate(),
    sourceAnalysisIds: z.array(uuid()),
    profile: targetProfileSchema,
  })
  .meta({ id: 'TargetProfileDto' });
export type TargetProfileDto = z.infer<typeof targetProfileDtoSchema>;

/** POST /api/teams/:teamId/profiles */
export interface CreateTargetProfileRequest {
  name: string;
  analysisIds: string[];
}

/** GET /api/shared/:token: what a client link shows, and nothing else. */
export const sharedAnalysisDtoSchema = z
  .object({
    analysis: analysisDtoSchema
      .pick({
        id: true,
        revision: true,
        title: true,
        genre: true,
        targets: true,
        status: true,
        result: true,
        report: true,
        createdAt: true,
      })
      .extend({ projectName: z.string() }),
    waveform: z.object({
      mix: waveformDtoSchema.nullable(),
      reference: waveformDtoSchema.nullable(),
    }),
    comments: z
      .array(commentDtoSchema)
      .optional()
      .describe('Present only when the share was made with includeComments.'),
    expiresAt: isoDate(),
  })
  .meta({ id: 'SharedAnalysisDto' });
export type SharedAnalysisDto = z.infer<typeof sharedAnalysisDtoSchema>;

/**
 * What the analyzer stores beside a track's result (TrackResult.waveform): both resolutions, so
 * the waveform route never recomputes. Not part of the analysis document itself.
 */
export interface StoredWaveform {
  overview: WaveformDto;
  detail: WaveformDto;
}

/**
 * POST /api/analyses/batch: several mixes in one submission (an album), counted once by the
 * analysis rate limit. Each item is what POST /api/projects/:projectId/analyses takes, plus its
 * projectId; the batch is validated whole before anything is queued.
 */
export interface BatchAnalysisItem {
  projectId: string;
  uploadId: string;
  referenceUploadId?: string;
  title?: string;
  genre?: string;
  /** A team target profile instead of a genre (GET /api/teams/:teamId/profiles). */
  profileId?: string;
  targets?: string[];
}
export interface BatchAnalysisRequest {
  items: BatchAnalysisItem[];
}
export const batchAnalysisResponseSchema = z
  .object({
    analyses: z.array(
      z.object({ analysisId: uuid(), projectId: uuid(), status: z.literal('queued') }),
    ),
  })
  .meta({ id: 'BatchAnalysisResponse' });
export type BatchAnalysisResponse = z.infer<typeof batchAnalysisResponseSchema>;

import type { AnalysisResult, ComparisonResult } from './analysis/analysis-result.ts';
import type { Feedback } from './feedback/feedback-report.ts';
import type { ProgressStage } from './job-payloads.ts';
import type { TeamRole } from './studio/team-roles.ts';

/** Response shapes of the gateway's JSON API under /api. */

export type AnalysisStatus = 'queued' | 'running' | 'completed' | 'failed';
export type ReportStatus = 'pending' | 'ready';

export interface UserDto {
  id: string;
  email: string;
  name: string;
  createdAt: string;
}
export interface TeamDto {
  id: string;
  name: string;
  role: TeamRole;
}
export interface SignupResponse {
  user: UserDto;
  /** The new account's own team, or the inviting team when it signed up with an invite token. */
  team: TeamDto;
  accessToken: string;
}
export interface LoginResponse {
  accessToken: string;
}
export interface MeResponse {
  user: UserDto;
  teams: TeamDto[];
}
export interface InviteResponse {
  invite: { id: string; teamId: string; email: string; role: TeamRole; expiresAt: string };
  /** Shown once; the invitee accepts with POST /api/invites/:token/accept. */
  token: string;
  /** Whether the invitation mail (with the link) was handed to the SMTP server. */
  emailed: boolean;
}
export interface AcceptInviteResponse {
  team: TeamDto;
}
export interface ApiTokenResponse {
  id: string;
  name: string;
  /** Shown once; only its hash is stored. */
  token: string;
  createdAt: string;
  expiresAt: string | null;
}
export interface ProjectDto {
  id: string;
  teamId: string;
  name: string;
  createdAt: string;
}
export type UploadStatus = 'pending' | 'ready' | 'rejected' | 'deleted';
export interface UploadDto {
  id: string;
  projectId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  status: UploadStatus;
  container: string | null;
  createdAt: string;
  completedAt: string | null;
}
export interface PresignedUploadResponse {
  uploadId: string;
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
}
export interface CreateAnalysisResponse {
  analysisId: string;
  status: 'queued';
}
export interface AnalysisTimings {
  /** Time from creation until a worker picked it up. */
  queuedMs: number | null;
  /** Time from pick-up until completion or failure. */
  runMs: number | null;
  totalMs: number | null;
  /** The analyzer's own wall time per stage for the mix. */
  stagesMs: Record<string, number>;
}
export interface HeadlineFigures {
  integratedLufs: number | null;
  truePeakDbtp: number | null;
  loudnessRangeLu: number | null;
  plrDb: number | null;
  dynamicRangeDb: number | null;
  widthScore: number | null;
  bpm: number | null;
  key: string | null;
  durationSec: number | null;
}
export interface AnalysisDto {
  id: string;
  projectId: string;
  /** Who started it: a member may delete only their own (see team-roles.ts). */
  createdById: string;
  revision: number;
  title: string | null;
  genre: string | null;
  targets: string[];
  status: AnalysisStatus;
  stage: ProgressStage | null;
  percent: number;
  error?: string;
  /** The document `mixscope analyze --json` prints for the same file (with reference and comparison when there is a reference). */
  result?: AnalysisResult & { comparison?: ComparisonResult };
  /**
   * The written feedback, the object `mixscope analyze --json --feedback` prints under `feedback`
   * ({source, model?, findings, report, profile, usage?, latencyMs?, ...}). It is written after
   * the measurements, so a completed analysis may not have it yet: see reportStatus.
   */
  report?: Feedback;
  /** For a completed analysis: whether `report` is there yet (the socket says analysis.report when it is). */
  reportStatus?: ReportStatus;
  createdAt: string;
  timings: AnalysisTimings;
}
export interface AnalysisSummaryDto {
  id: string;
  revision: number;
  title: string | null;
  status: AnalysisStatus;
  fileName: string;
  referenceFileName: string | null;
  createdAt: string;
  completedAt: string | null;
  headline: HeadlineFigures;
}
export interface AnalysisListResponse {
  items: AnalysisSummaryDto[];
  /** Pass as ?cursor= for the next (older) page; null when there is none. */
  nextCursor: string | null;
}
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
}

/** GET /api/teams/:teamId/members */
export interface MemberDto {
  userId: string;
  name: string;
  email: string;
  role: TeamRole;
  joinedAt: string;
}
/** GET /api/teams/:teamId/invites: pending (not accepted, not revoked, not expired) invites. */
export interface PendingInviteDto {
  id: string;
  email: string;
  role: TeamRole;
  invitedBy: { id: string; name: string };
  createdAt: string;
  expiresAt: string;
}

export type TrackName = 'mix' | 'reference';
/** One channel's min/max envelope: point i covers [i / pointsPerSecond, (i + 1) / pointsPerSecond). */
export interface WaveformChannel {
  min: number[];
  max: number[];
}
/** GET /api/analyses/:id/waveform?track=mix|reference[&detail=1] */
export interface WaveformDto {
  durationSec: number;
  pointsPerSecond: number;
  channels: WaveformChannel[];
}
/** GET /api/analyses/:id/audio?track=mix|reference: a presigned GET of the original file. */
export interface AudioUrlResponse {
  url: string;
  expiresAt: string;
}

/** POST /api/analyses/:id/comments, GET /api/analyses/:id/comments (time order). */
export interface CommentDto {
  id: string;
  analysisId: string;
  author: { id: string; name: string };
  body: string;
  atSec: number;
  endSec: number | null;
  parentId: string | null;
  resolved: boolean;
  createdAt: string;
}

/** POST /api/analyses/:id/shares → 201 */
export interface ShareCreatedResponse {
  id: string;
  /** Shown once; only its hash is stored. */
  token: string;
  url: string;
  expiresAt: string;
}
/** GET /api/analyses/:id/shares */
export interface ShareDto {
  id: string;
  createdBy: { id: string; name: string };
  includeComments: boolean;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastAccessAt: string | null;
  accessCount: number;
}
/** GET /api/shared/:token: what a client link shows, and nothing else. */
export interface SharedAnalysisDto {
  analysis: Pick<
    AnalysisDto,
    'id' | 'revision' | 'title' | 'genre' | 'targets' | 'status' | 'result' | 'report' | 'createdAt'
  > & { projectName: string };
  waveform: { mix: WaveformDto | null; reference: WaveformDto | null };
  /** Present only when the share was made with includeComments. */
  comments?: CommentDto[];
  expiresAt: string;
}

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
  targets?: string[];
}
export interface BatchAnalysisRequest {
  items: BatchAnalysisItem[];
}
export interface BatchAnalysisResponse {
  analyses: { analysisId: string; projectId: string; status: 'queued' }[];
}

import type { AnalysisResult, ComparisonResult } from './analysis/analysis-result.ts';
import type { Feedback } from './feedback/feedback-report.ts';
import type { ProgressStage } from './job-payloads.ts';

/** Response shapes of the gateway's JSON API under /api. */

export type TeamRole = 'owner' | 'member';
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

/**
 * Shapes of the gateway's JSON API as the web app reads them: the contracts' DTOs, with the
 * analysis `result` typed as the shared AnalysisResult and `report` as the feedback document.
 */
import type {
  AnalysisDto,
  AnalysisListResponse,
  AnalysisProgressEvent,
  AnalysisStatus,
  AnalysisSummaryDto,
  AudioUrlResponse,
  CommentDto,
  Feedback,
  Finding,
  HeadlineFigures,
  InviteResponse,
  MemberDto,
  MeResponse,
  PendingInviteDto,
  PresignedUploadResponse,
  ProcessingStep,
  ProgressStage,
  ProjectDto,
  Report,
  SharedAnalysisDto,
  SignupPendingResponse,
  SignupResponse,
  Suggestion,
  TeamDto,
  TeamRole,
  TrackName,
  UploadLimits,
  UserDto,
  WaveformDto,
  TargetProfileDto,
} from '@mixscope/contracts';
import type { AnalysisResult } from '@mixscope/contracts';

export type {
  AnalysisListResponse,
  AnalysisProgressEvent,
  AnalysisResult,
  AnalysisStatus,
  AnalysisSummaryDto as AnalysisSummary,
  AudioUrlResponse as AudioUrl,
  CommentDto as Comment,
  Feedback,
  Finding,
  HeadlineFigures,
  InviteResponse,
  MemberDto as Member,
  MeResponse as Me,
  PendingInviteDto as PendingInvite,
  PresignedUploadResponse as PresignedUpload,
  ProcessingStep,
  ProgressStage,
  ProjectDto as Project,
  Report,
  SharedAnalysisDto as SharedAnalysis,
  SignupPendingResponse,
  SignupResponse,
  Suggestion,
  TargetProfileDto as TargetProfile,
  TeamDto as Team,
  TeamRole,
  TrackName,
  UploadLimits,
  UserDto as User,
  WaveformDto as Waveform,
};

export type Analysis = Omit<AnalysisDto, 'report'> & { report?: Feedback | null };

export interface AnalysisRequest {
  uploadId: string;
  referenceUploadId?: string;
  genre?: string;
  profileId?: string;
  targets?: string[];
  title?: string;
}

export interface NewComment {
  body: string;
  atSec: number;
  endSec?: number;
  parentId?: string;
}

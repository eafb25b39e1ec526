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
  SignupResponse,
  Suggestion,
  TeamDto,
  TeamRole,
  UploadLimits,
  UserDto,
} from '@mixscope/contracts';
import type { AnalysisResult } from '@mixscope/contracts';

export type {
  AnalysisListResponse,
  AnalysisProgressEvent,
  AnalysisResult,
  AnalysisStatus,
  AnalysisSummaryDto as AnalysisSummary,
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
  SignupResponse,
  Suggestion,
  TeamDto as Team,
  TeamRole,
  UploadLimits,
  UserDto as User,
};

export type Analysis = Omit<AnalysisDto, 'report'> & { report?: Feedback | null };

export interface AnalysisRequest {
  uploadId: string;
  referenceUploadId?: string;
  genre?: string;
  targets?: string[];
  title?: string;
}

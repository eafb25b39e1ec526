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
  HeadlineFigures,
  InviteResponse,
  MeResponse,
  PresignedUploadResponse,
  ProgressStage,
  ProjectDto,
  SignupResponse,
  TeamDto,
  TeamRole,
  UserDto,
} from '@mixscope/contracts';
import type { AnalysisResult } from '@mixscope/contracts';
import type { Feedback, Finding, ProcessingStep, Report, Suggestion } from '@mixscope/feedback';

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
  MeResponse as Me,
  PresignedUploadResponse as PresignedUpload,
  ProcessingStep,
  ProgressStage,
  ProjectDto as Project,
  Report,
  SignupResponse,
  Suggestion,
  TeamDto as Team,
  TeamRole,
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

import type { AnalysisDto, AnalysisSummaryDto, AnalysisTimings } from '@mixscope/contracts';
import type { AnalysisSummaryRecord, StoredAnalysis } from '@mixscope/pipeline';
import { overallProgress } from '@mixscope/pipeline/progress';

function elapsed(from: Date | null, to: Date | null): number | null {
  return from && to ? to.getTime() - from.getTime() : null;
}

/** GET /api/analyses/:id: the stored analysis, its progress combined by the one progress rule. */
export function toAnalysisDto(analysis: StoredAnalysis): AnalysisDto {
  const { stage, percent } = overallProgress(analysis.progress, analysis.roles);
  const timings: AnalysisTimings = {
    queuedMs: elapsed(analysis.createdAt, analysis.startedAt),
    runMs: elapsed(analysis.startedAt, analysis.completedAt),
    totalMs: elapsed(analysis.createdAt, analysis.completedAt),
    stagesMs: analysis.result?.timingsMs ?? {},
  };
  const completed = analysis.status === 'completed';
  const dto: AnalysisDto = {
    id: analysis.id,
    projectId: analysis.projectId,
    createdById: analysis.createdById,
    revision: analysis.revision,
    title: analysis.title,
    genre: analysis.genre,
    targets: analysis.targets,
    status: analysis.status,
    stage,
    percent: completed ? 100 : percent,
    createdAt: analysis.createdAt.toISOString(),
    timings,
  };
  if (analysis.status === 'failed' && analysis.error) dto.error = analysis.error;
  if (completed && analysis.result) dto.result = analysis.result;
  // Stored as buildFeedback returned it: the object the command-line tool prints under `feedback`.
  if (analysis.report) dto.report = analysis.report;
  if (completed) dto.reportStatus = analysis.report ? 'ready' : 'pending';
  return dto;
}

export function toAnalysisSummary(record: AnalysisSummaryRecord): AnalysisSummaryDto {
  return {
    id: record.id,
    revision: record.revision,
    title: record.title,
    status: record.status,
    fileName: record.fileName,
    referenceFileName: record.referenceFileName,
    createdAt: record.createdAt.toISOString(),
    completedAt: record.completedAt?.toISOString() ?? null,
    headline: record.headline,
  };
}

import type {
  AnalysisDto,
  AnalysisSummaryDto,
  AnalysisTimings,
  HeadlineFigures,
  ProgressStage,
  TrackRole,
} from '@mixscope/contracts';

/** Per-track progress as the analyzer stores it in analyses.progress. */
export type StoredProgress = Partial<Record<TrackRole, { stage: ProgressStage; percent: number }>>;

type AnalysisRow = Pick<
  AnalysisDto,
  'id' | 'projectId' | 'revision' | 'title' | 'genre' | 'targets' | 'status'
> & {
  progress: unknown;
  error: string | null;
  comparison: unknown;
  referenceUploadId: string | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
};

interface TrackRow {
  role: TrackRole;
  result: unknown;
}

/** Overall stage and percent: the mean over the analysis' tracks; the stage of the one furthest behind. */
export function overallProgress(
  progress: StoredProgress,
  roles: TrackRole[],
): { stage: ProgressStage | null; percent: number } {
  let total = 0;
  let behind: { stage: ProgressStage; percent: number } | null = null;
  for (const role of roles) {
    const track = progress[role];
    total += track?.percent ?? 0;
    if (track && (!behind || track.percent < behind.percent)) behind = track;
  }
  return { stage: behind?.stage ?? null, percent: Math.round((total / roles.length) * 10) / 10 };
}

function elapsed(from: Date | null, to: Date | null): number | null {
  return from && to ? to.getTime() - from.getTime() : null;
}

export function toAnalysisDto(row: AnalysisRow, tracks: TrackRow[], report: unknown): AnalysisDto {
  const roles: TrackRole[] = row.referenceUploadId ? ['mix', 'reference'] : ['mix'];
  const mix = tracks.find((t) => t.role === 'mix')?.result as AnalysisDto['result'] | undefined;
  const reference = tracks.find((t) => t.role === 'reference')?.result as AnalysisDto['result'];
  const { stage, percent } = overallProgress((row.progress ?? {}) as StoredProgress, roles);
  const timings: AnalysisTimings = {
    queuedMs: elapsed(row.createdAt, row.startedAt),
    runMs: elapsed(row.startedAt, row.completedAt),
    totalMs: elapsed(row.createdAt, row.completedAt),
    stagesMs: mix?.timingsMs ?? {},
  };
  const dto: AnalysisDto = {
    id: row.id,
    projectId: row.projectId,
    revision: row.revision,
    title: row.title,
    genre: row.genre,
    targets: row.targets,
    status: row.status,
    stage,
    percent: row.status === 'completed' ? 100 : percent,
    createdAt: row.createdAt.toISOString(),
    timings,
  };
  if (row.status === 'failed' && row.error) dto.error = row.error;
  if (row.status === 'completed' && mix) {
    dto.result =
      reference && row.comparison
        ? {
            ...mix,
            reference,
            comparison: row.comparison as NonNullable<AnalysisDto['result']>['comparison'],
          }
        : mix;
  }
  const hasReport = report !== undefined && report !== null;
  // Stored as buildFeedback returned it: the object the command-line tool prints under `feedback`.
  if (hasReport) dto.report = report as NonNullable<AnalysisDto['report']>;
  if (row.status === 'completed') dto.reportStatus = hasReport ? 'ready' : 'pending';
  return dto;
}

/** An analyses row: the headline figures are its columns, the key stored as `keyLabel`. */
type SummaryRow = Omit<HeadlineFigures, 'key'> & {
  id: string;
  revision: number;
  title: string | null;
  status: AnalysisDto['status'];
  createdAt: Date;
  completedAt: Date | null;
  keyLabel: string | null;
  upload: { fileName: string };
  referenceUpload: { fileName: string } | null;
};

export function toAnalysisSummary(row: SummaryRow): AnalysisSummaryDto {
  return {
    id: row.id,
    revision: row.revision,
    title: row.title,
    status: row.status,
    fileName: row.upload.fileName,
    referenceFileName: row.referenceUpload?.fileName ?? null,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    headline: {
      integratedLufs: row.integratedLufs,
      truePeakDbtp: row.truePeakDbtp,
      loudnessRangeLu: row.loudnessRangeLu,
      plrDb: row.plrDb,
      dynamicRangeDb: row.dynamicRangeDb,
      widthScore: row.widthScore,
      bpm: row.bpm,
      key: row.keyLabel,
      durationSec: row.durationSec,
    },
  };
}

import { PROGRESS_STAGES, type ProgressStage, type TrackRole } from '@mixscope/contracts';

/** Where one track of an analysis is: the analyzer's latest report for it. */
export interface TrackStageProgress {
  stage: ProgressStage;
  percent: number;
}

/** The latest report of each track that has reported; a track not yet started is absent. */
export type TracksProgress = Partial<Record<TrackRole, TrackStageProgress>>;

export interface OverallProgress {
  /** The stage of the track furthest behind; null while no track has reported. */
  stage: ProgressStage | null;
  /** 0-100, one decimal. */
  percent: number;
}

/** The tracks an analysis measures: the mix, and the reference when there is one. */
export function analysisTrackRoles(hasReference: boolean): readonly TrackRole[] {
  return hasReference ? ['mix', 'reference'] : ['mix'];
}

/**
 * The ONE rule that turns per-track progress into an analysis' progress. REST, the Socket.IO
 * relay and the command-line tool all report through it, so they agree at every moment.
 *
 * - percent: the mean over the analysis' tracks (`roles`), a track that has not reported counting
 *   as 0, rounded to one decimal. It only reaches 100 when every track has.
 * - stage: the stage of the track furthest behind (lowest percent; on a tie, the earlier stage),
 *   among the tracks that have reported. An analysis is only as far as its slowest track.
 */
export function overallProgress(
  tracks: TracksProgress,
  roles: readonly TrackRole[],
): OverallProgress {
  if (roles.length === 0) return { stage: null, percent: 0 };
  const total = roles.reduce((sum, role) => sum + clampPercent(tracks[role]?.percent ?? 0), 0);
  const behind = trackFurthestBehind(tracks, roles);
  return {
    stage: behind ? (tracks[behind]?.stage ?? null) : null,
    percent: Math.round((total / roles.length) * 10) / 10,
  };
}

/** The role whose stage overallProgress reports; null while no track has reported. */
export function trackFurthestBehind(
  tracks: TracksProgress,
  roles: readonly TrackRole[],
): TrackRole | null {
  let behind: TrackRole | null = null;
  for (const role of roles) {
    const track = tracks[role];
    if (!track) continue;
    const current = behind ? tracks[behind] : undefined;
    if (!current || isBehind(track, current)) behind = role;
  }
  return behind;
}

function isBehind(a: TrackStageProgress, b: TrackStageProgress): boolean {
  const pa = clampPercent(a.percent);
  const pb = clampPercent(b.percent);
  if (pa !== pb) return pa < pb;
  return PROGRESS_STAGES.indexOf(a.stage) < PROGRESS_STAGES.indexOf(b.stage);
}

function clampPercent(percent: number): number {
  return Number.isFinite(percent) ? Math.min(100, Math.max(0, percent)) : 0;
}

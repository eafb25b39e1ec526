import { Inject, Injectable } from '@nestjs/common';
import type { AnalysisResult, ComparisonResult } from '@mixscope/contracts';
import type { ProgressStage, TrackRole } from '@mixscope/contracts';
import type { Prisma } from '@mixscope/db';
import { DATABASE, type Database } from '@mixscope/service-kit';

export type TrackState = 'analysis-gone' | 'analysis-failed' | 'already-measured' | 'to-measure';

const asJson = (value: unknown) => value as Prisma.InputJsonValue;

/** Prisma's code for a foreign-key violation: the analysis was deleted while its track ran. */
export const isAnalysisGone = (error: unknown) =>
  (error as { code?: string } | null)?.code === 'P2003';

/** Every database write the analyzer makes, keyed by analysis id so repeats are harmless. */
@Injectable()
export class AnalysisStoreService {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Marks the analysis running, unless it is gone or this track already has its result. */
  async beginTrack(analysisId: string, role: TrackRole): Promise<TrackState> {
    const analysis = await this.db.analysis.findUnique({
      where: { id: analysisId },
      select: { status: true, tracks: { where: { role }, select: { id: true } } },
    });
    if (!analysis) return 'analysis-gone';
    // The other track failed for good: measuring this one cannot complete the analysis.
    if (analysis.status === 'failed') return 'analysis-failed';
    if (analysis.tracks.length > 0) return 'already-measured';
    await this.db.$executeRaw`
      UPDATE analyses
         SET status = 'running', started_at = COALESCE(started_at, now()), updated_at = now()
       WHERE id = ${analysisId}::uuid AND status IN ('queued', 'running')`;
    return 'to-measure';
  }

  async recordProgress(
    analysisId: string,
    role: TrackRole,
    stage: ProgressStage,
    percent: number,
  ): Promise<void> {
    const entry = JSON.stringify({ stage, percent });
    await this.db.$executeRaw`
      UPDATE analyses
         SET progress = jsonb_set(progress, ARRAY[${role}::text], ${entry}::jsonb), updated_at = now()
       WHERE id = ${analysisId}::uuid AND status = 'running'`;
  }

  /** One row per (analysis, track), whatever the number of attempts. */
  async saveTrackResult(
    analysisId: string,
    role: TrackRole,
    result: AnalysisResult,
  ): Promise<void> {
    await this.db.trackResult.upsert({
      where: { analysisId_role: { analysisId, role } },
      create: { analysisId, role, result: asJson(result) },
      update: { result: asJson(result) },
    });
  }

  async loadTracks(analysisId: string) {
    return this.db.analysis.findUnique({
      where: { id: analysisId },
      select: {
        status: true,
        genre: true,
        targets: true,
        tracks: { select: { role: true, result: true } },
      },
    });
  }

  /** False when the analysis failed or was deleted meanwhile. */
  async complete(
    analysisId: string,
    mix: AnalysisResult,
    comparison: ComparisonResult | null,
    roles: TrackRole[],
  ): Promise<boolean> {
    const done = Object.fromEntries(roles.map((role) => [role, { stage: 'saving', percent: 100 }]));
    const { count } = await this.db.analysis.updateMany({
      where: { id: analysisId, status: { not: 'failed' } },
      data: {
        status: 'completed',
        completedAt: new Date(),
        error: null,
        errorCode: null,
        progress: asJson(done),
        comparison: comparison === null ? undefined : asJson(comparison),
        integratedLufs: mix.loudness.integratedLufs,
        truePeakDbtp: mix.loudness.truePeakDbtp,
        loudnessRangeLu: mix.loudness.loudnessRangeLu,
        plrDb: mix.loudness.plrDb,
        dynamicRangeDb: mix.loudness.dynamicRangeDb,
        widthScore: mix.stereo?.widthScore ?? null,
        bpm: mix.tempo?.bpm ?? null,
        keyLabel: mix.key?.label ?? null,
        durationSec: mix.file.durationSec,
      },
    });
    return count > 0;
  }

  /** Records a reason a person can read; a completed analysis is never turned into a failed one. */
  async fail(analysisId: string, reason: string, code: string): Promise<void> {
    await this.db.analysis.updateMany({
      where: { id: analysisId, status: { in: ['queued', 'running'] } },
      data: { status: 'failed', error: reason, errorCode: code, completedAt: new Date() },
    });
  }
}

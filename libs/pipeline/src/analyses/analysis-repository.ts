import type {
  AnalysisResult,
  AnalysisStatus,
  ComparisonResult,
  Feedback,
  ProgressStage,
  StoredWaveform,
  TrackRole,
  WaveformDto,
} from '@mixscope/contracts';
import { Prisma, type PrismaClient } from '@mixscope/db';
import {
  analysisTrackRoles,
  overallProgress,
  trackFurthestBehind,
} from '../progress/overall-progress.ts';
import type {
  AnalysisEnd,
  AnalysisNow,
  AnalysisForFeedback,
  AnalysisSummaryRecord,
  AnalysisToFinalize,
  AnalysisTracks,
  AnalysisVersion,
  AnalysisWithUploads,
  MixResultOfAnalysis,
  NewAnalysis,
  StoredAnalysis,
  TrackState,
} from './analysis-records.ts';
import {
  parseStoredAnalysis,
  parseStoredProgress,
  parseStoredReport,
  parseStoredResult,
  parseStoredTargetProfile,
  parseStoredWaveform,
} from './stored-documents.ts';
import { ValidatedDocuments } from './validated-documents.ts';

/** Completed analyses whose validated documents are kept, so hot reads skip re-validation. */
const VALIDATED_DOCUMENTS_KEPT = 500;

/**
 * Prisma types a Json column input structurally, which an interface with optional fields does not
 * satisfy although every document written here is plain JSON. The one assertion of this file.
 */
/**
 * Creating analyses takes the projects' revision rows in turn; in a burst of submissions to one
 * project they queue for a pooled connection, which Prisma gives up on after 2 s by default.
 */
const BURST_TRANSACTION = { maxWait: 15_000, timeout: 15_000 };

const jsonColumn = (document: object) => document as Prisma.InputJsonValue;

/** Prisma's code for a foreign-key violation: the analysis was deleted while its track ran. */
export const isAnalysisGone = (error: unknown) =>
  (error as { code?: string } | null)?.code === 'P2003';

/**
 * Changes whenever anything GET /api/analyses/:id shows can: every write to the analysis row moves
 * its updated_at, and the report lives in a row of its own. Comments and shares are not part of it.
 */
const documentVersion = (analysisUpdatedAt: Date, reportUpdatedAt: Date | null) =>
  `${analysisUpdatedAt.getTime()}.${reportUpdatedAt?.getTime() ?? 0}`;

/** Who wrote a stored report, null while there is none. */
const reportSourceOf = (report: { source: string } | null): Feedback['source'] | null =>
  report === null ? null : report.source === 'llm' ? 'llm' : 'rules';

const uploadColumns = {
  id: true,
  objectKey: true,
  fileName: true,
  sizeBytes: true,
  declaredSizeBytes: true,
} as const;

/**
 * The only code that reads or writes analyses, their track results and their reports. Every
 * document it returns is validated against its contract; the mix's result comes with the
 * reference and the comparison attached, assembled here and nowhere else on the hosted side.
 * Writes are keyed by analysis id (and track role), so a repeated job is harmless.
 */
export class AnalysisRepository {
  private readonly results = new ValidatedDocuments<AnalysisResult>(VALIDATED_DOCUMENTS_KEPT);
  private readonly reports = new ValidatedDocuments<Feedback>(VALIDATED_DOCUMENTS_KEPT);

  constructor(private readonly db: PrismaClient) {}

  // ---- the API (gateway)

  /** Records a queued analysis under the project's next revision number. */
  async create(input: NewAnalysis): Promise<{ id: string; teamId: string }> {
    const [created] = await this.createAll([input]);
    return created;
  }

  /** Records several queued analyses at once, all or none, each under its project's next revision. */
  async createAll(inputs: NewAnalysis[]): Promise<{ id: string; teamId: string }[]> {
    return this.db.$transaction(async (tx) => {
      const created = [];
      for (const { target, ...input } of inputs) {
        const { lastRevision } = await tx.project.update({
          where: { id: input.projectId },
          data: { lastRevision: { increment: 1 } },
        });
        const profile = target
          ? { profileId: target.profileId, targetProfile: jsonColumn(target.profile) }
          : {};
        created.push(
          await tx.analysis.create({
            data: { ...input, ...profile, revision: lastRevision },
            select: { id: true, teamId: true },
          }),
        );
      }
      return created;
    }, BURST_TRANSACTION);
  }

  /** The analysis if it belongs to one of `teamIds`, with its documents validated. */
  async findForTeams(analysisId: string, teamIds: string[]): Promise<StoredAnalysis | null> {
    const row = await this.db.analysis.findFirst({
      where: { id: analysisId, teamId: { in: teamIds } },
      include: {
        tracks: { select: { role: true, result: true } },
        report: { select: { body: true, updatedAt: true } },
      },
    });
    if (!row) return null;
    const { report } = row;
    const trackResult = (role: TrackRole) => row.tracks.find((t) => t.role === role)?.result;
    const mix = trackResult('mix');
    return {
      version: documentVersion(row.updatedAt, report?.updatedAt ?? null),
      id: row.id,
      teamId: row.teamId,
      projectId: row.projectId,
      createdById: row.createdById,
      revision: row.revision,
      title: row.title,
      genre: row.genre,
      targets: row.targets,
      status: row.status,
      error: row.error,
      roles: analysisTrackRoles(row.referenceUploadId !== null),
      progress: parseStoredProgress(row.id, row.progress),
      createdAt: row.createdAt,
      startedAt: row.startedAt,
      completedAt: row.completedAt,
      result:
        row.status === 'completed' && mix !== undefined && row.completedAt
          ? this.results.get(`${row.id}@${row.completedAt.getTime()}`, () =>
              parseStoredAnalysis(row.id, {
                mix,
                reference: trackResult('reference'),
                comparison: row.comparison,
              }),
            )
          : null,
      report: report
        ? this.reports.get(`${row.id}@${report.updatedAt.getTime()}`, () =>
            parseStoredReport(row.id, report.body),
          )
        : null,
    };
  }

  /**
   * The team, status and version of an analysis if it belongs to one of `teamIds`: one indexed
   * read that says whether a document served earlier (StoredAnalysis.version) is still current.
   */
  async versionOf(analysisId: string, teamIds: string[]): Promise<AnalysisVersion | null> {
    const rows = await this.db.$queryRaw<
      {
        team_id: string;
        status: AnalysisStatus;
        updated_at: Date;
        report_updated_at: Date | null;
      }[]
    >`
      SELECT a.team_id, a.status, a.updated_at, r.updated_at AS report_updated_at
        FROM analyses a LEFT JOIN reports r ON r.analysis_id = a.id
       WHERE a.id = ${analysisId}::uuid AND a.team_id = ANY(${teamIds}::uuid[])`;
    const row = rows[0];
    return row
      ? {
          teamId: row.team_id,
          status: row.status,
          version: documentVersion(row.updated_at, row.report_updated_at),
        }
      : null;
  }

  /**
   * One waveform level of a track, validated; null when the track has no stored waveform. Only
   * the level asked for is read from the row: the detail level of a long file is large.
   */
  async findWaveform(
    analysisId: string,
    role: TrackRole,
    level: keyof StoredWaveform,
  ): Promise<WaveformDto | null> {
    const rows = await this.db.$queryRaw<{ level: unknown }[]>`
      SELECT waveform -> ${level}::text AS level
        FROM track_results
       WHERE analysis_id = ${analysisId}::uuid AND role = ${role}::track_role`;
    const stored = rows[0]?.level;
    return stored === undefined || stored === null ? null : parseStoredWaveform(analysisId, stored);
  }

  /** A page of a project's analyses, newest revision first, with their headline figures. */
  async listForProject(
    projectId: string,
    page: { beforeRevision?: number; limit: number },
  ): Promise<{ items: AnalysisSummaryRecord[]; more: boolean }> {
    const rows = await this.db.analysis.findMany({
      where: {
        projectId,
        ...(page.beforeRevision ? { revision: { lt: page.beforeRevision } } : {}),
      },
      orderBy: { revision: 'desc' },
      take: page.limit + 1,
      include: {
        upload: { select: { fileName: true } },
        referenceUpload: { select: { fileName: true } },
      },
    });
    const items = rows.slice(0, page.limit).map((row): AnalysisSummaryRecord => ({
      id: row.id,
      revision: row.revision,
      title: row.title,
      status: row.status,
      createdAt: row.createdAt,
      completedAt: row.completedAt,
      fileName: row.upload.fileName,
      referenceFileName: row.referenceUpload?.fileName ?? null,
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
    }));
    return { items, more: rows.length > page.limit };
  }

  /** The analysis with its uploads if it belongs to one of `teamIds`. */
  async findWithUploads(
    analysisId: string,
    teamIds: string[],
  ): Promise<AnalysisWithUploads | null> {
    return this.db.analysis.findFirst({
      where: { id: analysisId, teamId: { in: teamIds } },
      select: {
        id: true,
        teamId: true,
        createdById: true,
        upload: { select: uploadColumns },
        referenceUpload: { select: uploadColumns },
      },
    });
  }

  /** The analysis' status, duration and track files if it belongs to one of `teamIds`. */
  async findTracks(analysisId: string, teamIds: string[]): Promise<AnalysisTracks | null> {
    const fileColumns = { objectKey: true, fileName: true, container: true, status: true };
    const row = await this.db.analysis.findFirst({
      where: { id: analysisId, teamId: { in: teamIds } },
      select: {
        id: true,
        teamId: true,
        status: true,
        durationSec: true,
        upload: { select: fileColumns },
        referenceUpload: { select: fileColumns },
      },
    });
    if (!row) return null;
    const { upload, referenceUpload, ...analysis } = row;
    return { ...analysis, files: { mix: upload, reference: referenceUpload } };
  }

  /** Whether an analysis other than `exceptAnalysisId` uses the upload as its mix or reference. */
  async isUploadUsedElsewhere(uploadId: string, exceptAnalysisId: string): Promise<boolean> {
    const users = await this.db.analysis.count({
      where: {
        id: { not: exceptAnalysisId },
        OR: [{ uploadId }, { referenceUploadId: uploadId }],
      },
    });
    return users > 0;
  }

  /** Deletes the analysis (results and report go with it) and marks the orphaned uploads deleted. */
  async delete(analysisId: string, orphanedUploadIds: string[]): Promise<void> {
    await this.db.$transaction([
      this.db.analysis.delete({ where: { id: analysisId } }),
      this.db.upload.updateMany({
        where: { id: { in: orphanedUploadIds } },
        data: { status: 'deleted' },
      }),
    ]);
  }

  /** How many of the team's analyses are queued or running: its share of the queue right now. */
  async countUnfinished(teamId: string): Promise<number> {
    return this.db.analysis.count({ where: { teamId, status: { in: ['queued', 'running'] } } });
  }

  /** The team an analysis belongs to, or null when there is no such analysis. */
  async teamOf(analysisId: string): Promise<string | null> {
    const row = await this.db.analysis.findUnique({
      where: { id: analysisId },
      select: { teamId: true },
    });
    return row?.teamId ?? null;
  }

  /** Progress as the analyzer recorded it, for a listener that joins an analysis midway. */
  async progressOf(analysisId: string): Promise<StoredAnalysis['progress'] | null> {
    const row = await this.db.analysis.findUnique({
      where: { id: analysisId },
      select: { progress: true },
    });
    return row ? parseStoredProgress(analysisId, row.progress) : null;
  }

  /** Status, failure reason and report source: how an analysis ended (or that it has not). */
  async endOf(analysisId: string): Promise<AnalysisEnd | null> {
    const row = await this.db.analysis.findUnique({
      where: { id: analysisId },
      select: { teamId: true, status: true, error: true, report: { select: { source: true } } },
    });
    if (!row) return null;
    return {
      teamId: row.teamId,
      status: row.status,
      error: row.error,
      reportSource: reportSourceOf(row.report),
    };
  }

  /** The state a (re)subscribing client is sent at once; null when there is no such analysis. */
  async nowOf(analysisId: string): Promise<AnalysisNow | null> {
    const row = await this.db.analysis.findUnique({
      where: { id: analysisId },
      select: {
        teamId: true,
        status: true,
        error: true,
        progress: true,
        referenceUploadId: true,
        report: { select: { source: true } },
      },
    });
    if (!row) return null;
    const { teamId } = row;
    if (row.status === 'completed') {
      return { teamId, status: 'completed', reportSource: reportSourceOf(row.report) };
    }
    if (row.status === 'failed') return { teamId, status: 'failed', error: row.error };
    const tracks = parseStoredProgress(analysisId, row.progress);
    const roles = analysisTrackRoles(row.referenceUploadId !== null);
    const overall = overallProgress(tracks, roles);
    const role = trackFurthestBehind(tracks, roles);
    return {
      teamId,
      status: row.status,
      progress:
        overall.stage && role ? { stage: overall.stage, percent: overall.percent, role } : null,
    };
  }

  // ---- reconciling (gateway)

  /** Queued or running analyses untouched since `before`, oldest first, with their uploads. */
  async findStale(before: Date, take: number): Promise<AnalysisWithUploads[]> {
    return this.db.analysis.findMany({
      where: { status: { in: ['queued', 'running'] }, updatedAt: { lt: before } },
      orderBy: { createdAt: 'asc' },
      take,
      select: {
        id: true,
        teamId: true,
        createdById: true,
        upload: { select: uploadColumns },
        referenceUpload: { select: uploadColumns },
      },
    });
  }

  /** Marks an analysis as looked at now, so the next pass leaves it alone for a while. */
  async touch(analysisId: string): Promise<void> {
    await this.db.analysis.update({ where: { id: analysisId }, data: { updatedAt: new Date() } });
  }

  /** Completed analyses without a report that completed in the window, oldest first. */
  async findWithoutReport(
    window: { after: Date; before: Date },
    take: number,
  ): Promise<{ id: string; genre: string | null; targets: string[] }[]> {
    return this.db.analysis.findMany({
      where: {
        status: 'completed',
        report: { is: null },
        completedAt: { lt: window.before, gt: window.after },
      },
      orderBy: { completedAt: 'asc' },
      take,
      select: { id: true, genre: true, targets: true },
    });
  }

  // ---- measuring (analyzer)

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

  async exists(analysisId: string): Promise<boolean> {
    return (await this.teamOf(analysisId)) !== null;
  }

  /** One track's latest progress, merged into analyses.progress while the analysis runs. */
  /**
   * Stores one track's progress, then runs `announce` while the analysis row is still locked: the
   * tracks of one analysis announce in the order they were stored, so the socket relay, merging
   * the announcements, passes through exactly the states REST reads.
   */
  async recordProgress(
    analysisId: string,
    role: TrackRole,
    progress: { stage: ProgressStage; percent: number },
    announce: () => Promise<unknown> = async () => undefined,
  ): Promise<void> {
    const entry = JSON.stringify({ stage: progress.stage, percent: progress.percent });
    await this.db.$transaction(
      async (tx) => {
        await tx.$executeRaw`
          UPDATE analyses
             SET progress = jsonb_set(progress, ARRAY[${role}::text], ${entry}::jsonb), updated_at = now()
           WHERE id = ${analysisId}::uuid AND status = 'running'`;
        await announce();
      },
      { timeout: 15_000, maxWait: 10_000 },
    );
  }

  /** One row per (analysis, track), whatever the number of attempts; the waveform rides beside the result. */
  async saveTrackResult(
    analysisId: string,
    role: TrackRole,
    result: AnalysisResult,
    waveform: StoredWaveform | null,
  ): Promise<void> {
    const columns = {
      result: jsonColumn(result),
      waveform: waveform === null ? Prisma.DbNull : jsonColumn(waveform),
    };
    await this.db.trackResult.upsert({
      where: { analysisId_role: { analysisId, role } },
      create: { analysisId, role, ...columns },
      update: columns,
    });
  }

  /** The analysis as the finalize step needs it, each stored track result validated. */
  async findToFinalize(analysisId: string): Promise<AnalysisToFinalize | null> {
    const row = await this.db.analysis.findUnique({
      where: { id: analysisId },
      select: {
        status: true,
        genre: true,
        targets: true,
        tracks: { select: { role: true, result: true } },
      },
    });
    if (!row) return null;
    const tracks: AnalysisToFinalize['tracks'] = {};
    for (const track of row.tracks)
      tracks[track.role] = parseStoredResult(analysisId, track.result);
    return { status: row.status, genre: row.genre, targets: row.targets, tracks };
  }

  /** Completes the analysis with the mix's headline figures; false when it failed or is gone. */
  async complete(
    analysisId: string,
    mix: AnalysisResult,
    comparison: ComparisonResult | null,
    roles: readonly TrackRole[],
  ): Promise<boolean> {
    const done = Object.fromEntries(roles.map((role) => [role, { stage: 'saving', percent: 100 }]));
    const { count } = await this.db.analysis.updateMany({
      where: { id: analysisId, status: { not: 'failed' } },
      data: {
        status: 'completed',
        completedAt: new Date(),
        error: null,
        errorCode: null,
        progress: jsonColumn(done),
        comparison: comparison === null ? undefined : jsonColumn(comparison),
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

  // ---- feedback (llm-worker)

  /** The completed analysis' result, reference and comparison attached, as buildFeedback reads it. */
  async findForFeedback(analysisId: string): Promise<AnalysisForFeedback> {
    const row = await this.db.analysis.findUnique({
      where: { id: analysisId },
      select: {
        status: true,
        comparison: true,
        targetProfile: true,
        tracks: { select: { role: true, result: true } },
      },
    });
    if (!row) return { state: 'gone' };
    if (row.status !== 'completed') return { state: 'not-completed', status: row.status };
    const mix = row.tracks.find((t) => t.role === 'mix');
    if (!mix) return { state: 'not-completed', status: 'completed without a mix result' };
    const reference = row.tracks.find((t) => t.role === 'reference');
    return {
      state: 'ready',
      result: parseStoredAnalysis(analysisId, {
        mix: mix.result,
        reference: reference?.result,
        comparison: row.comparison,
      }),
      target:
        row.targetProfile === null ? null : parseStoredTargetProfile(analysisId, row.targetProfile),
    };
  }

  /**
   * The mix results of the team's analyses among `analysisIds`, in the order asked; ids that are
   * not the team's are left out, so the caller cannot tell them from ids that do not exist.
   */
  async findMixResults(analysisIds: string[], teamId: string): Promise<MixResultOfAnalysis[]> {
    const rows = await this.db.analysis.findMany({
      where: { id: { in: analysisIds }, teamId },
      select: {
        id: true,
        status: true,
        tracks: { where: { role: 'mix' }, select: { result: true } },
      },
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return analysisIds.flatMap((id) => {
      const row = byId.get(id);
      if (!row) return [];
      const mix = row.status === 'completed' ? row.tracks[0] : undefined;
      return [
        {
          analysisId: id,
          status: row.status,
          result: mix ? parseStoredResult(id, mix.result) : null,
        },
      ];
    });
  }

  /** Upserts by analysis id, so a retried or repeated job leaves one report. */
  async saveReport(analysisId: string, feedback: Feedback): Promise<void> {
    const columns = {
      source: feedback.source,
      model: feedback.model ?? null,
      body: jsonColumn(feedback),
      promptTokens: feedback.usage?.promptTokens ?? null,
      completionTokens: feedback.usage?.completionTokens ?? null,
      totalTokens: feedback.usage?.totalTokens ?? null,
      latencyMs: feedback.latencyMs === undefined ? null : Math.round(feedback.latencyMs),
      attempts: feedback.attempts ?? 0,
      fallbackReason: feedback.fallbackReason ?? null,
    };
    await this.db.report.upsert({
      where: { analysisId },
      create: { analysisId, ...columns },
      update: columns,
    });
  }
}

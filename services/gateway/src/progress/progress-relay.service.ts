import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  redisConnectionFields,
  SocketEvent,
  trackProgressSchema,
  type TrackProgress,
} from '@mixscope/contracts';
import {
  AnalysisRepository,
  analysisIdOfJob,
  QueueName,
  type AnalysisEnd,
} from '@mixscope/pipeline';
import {
  analysisTrackRoles,
  overallProgress,
  trackFurthestBehind,
  type TracksProgress,
} from '@mixscope/pipeline/progress';
import { QueueEvents } from 'bullmq';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { ProgressGateway } from './progress.gateway.ts';

const REMEMBERED_ANALYSES = 10_000;

/**
 * Relays BullMQ QueueEvents to Socket.IO rooms. Every gateway instance listens to the whole event
 * stream and emits to its own sockets only (ProgressGateway.emit), so each client gets each event
 * exactly once however many instances run, and no single relay instance can take progress down.
 *
 * Progress is per track in the events; the relay keeps each track's latest report and combines
 * them by the one progress rule (overallProgress), as GET /api/analyses/:id does with the same
 * reports from the database, so both say the same stage and percent. An instance that first hears
 * of an analysis midway starts from the progress stored so far (a track may have reported, or
 * finished, before this instance listened).
 *
 * An analysis ends with analysis.completed (measurements stored) then analysis.report (feedback
 * stored), or with analysis.failed. The `finalize` and `feedback` queues have separate event
 * streams, so their events may arrive in either order; the end events of one analysis are handled
 * one after the other, and a report arriving first brings the completion with it.
 */
@Injectable()
export class ProgressRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProgressRelayService.name);
  private readonly listeners: QueueEvents[] = [];
  /** Latest report per track of analyses in flight. */
  private readonly tracks = new Map<string, TracksProgress>();
  /** Reports that arrived while the stored progress of their analysis was being read. */
  private readonly seeding = new Map<string, TrackProgress[]>();
  /** Analyses already reported completed or failed: later events about them are stale. */
  private readonly finished = new Set<string>();
  /** The end events of an analysis being handled, so they go out one at a time and in order. */
  private readonly endings = new Map<string, Promise<void>>();

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly analyses: AnalysisRepository,
    private readonly sockets: ProgressGateway,
  ) {}

  onApplicationBootstrap(): void {
    const connection = {
      ...redisConnectionFields(this.config.redis.url),
      maxRetriesPerRequest: null,
    };
    const prefix = this.config.redis.prefix;
    const analyze = new QueueEvents(QueueName.analyze, { connection, prefix });
    const finalize = new QueueEvents(QueueName.finalize, { connection, prefix });
    const feedback = new QueueEvents(QueueName.feedback, { connection, prefix });
    analyze.on('progress', ({ data }) => this.onProgress(data));
    analyze.on('failed', ({ jobId }) => this.inOrder(jobId, (id) => this.reportEnd(id)));
    finalize.on('completed', ({ jobId }) => this.inOrder(jobId, (id) => this.reportEnd(id)));
    finalize.on('failed', ({ jobId }) => this.inOrder(jobId, (id) => this.reportEnd(id)));
    feedback.on('completed', ({ jobId }) => this.inOrder(jobId, (id) => this.reportFeedback(id)));
    for (const events of [analyze, finalize, feedback]) {
      events.on('error', (error) => this.logger.warn(`queue events: ${error.message}`));
      this.listeners.push(events);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.listeners.map((l) => l.close()));
  }

  private onProgress(data: unknown): void {
    const parsed = trackProgressSchema.safeParse(data);
    if (!parsed.success) return;
    const progress = parsed.data;
    const { analysisId } = progress;
    if (this.finished.has(analysisId)) return;
    const tracks = this.tracks.get(analysisId);
    if (tracks) return this.relay(tracks, progress);
    const waiting = this.seeding.get(analysisId);
    if (waiting) return void waiting.push(progress);
    this.seeding.set(analysisId, [progress]);
    void this.analyses
      .progressOf(analysisId)
      .catch((error: Error) => {
        this.logger.warn(`stored progress of ${analysisId} not read: ${error.message}`);
        return null;
      })
      .then((stored) => {
        const pending = this.seeding.get(analysisId) ?? [];
        this.seeding.delete(analysisId);
        if (this.finished.has(analysisId)) return;
        // The reports heard are the latest of their tracks; the stored ones fill in the others.
        const seeded: TracksProgress = { ...stored };
        this.tracks.set(analysisId, seeded);
        for (const report of pending) this.relay(seeded, report);
      });
  }

  /** Takes in one track's report and emits the analysis' progress by the one progress rule. */
  private relay(tracks: TracksProgress, progress: TrackProgress): void {
    const { analysisId, teamId, role, stage, percent, trackCount } = progress;
    tracks[role] = { stage, percent };
    const roles = analysisTrackRoles(trackCount > 1);
    const overall = overallProgress(tracks, roles);
    this.sockets.emit(teamId, analysisId, SocketEvent.progress, {
      analysisId,
      stage: overall.stage ?? stage,
      percent: overall.percent,
      role: trackFurthestBehind(tracks, roles) ?? role,
    });
  }

  /** Runs `step` for the job's analysis after the steps already queued for that analysis. */
  private inOrder(jobId: string, step: (analysisId: string) => Promise<void>): void {
    const analysisId = analysisIdOfJob(jobId);
    if (!analysisId) return;
    const next = (this.endings.get(analysisId) ?? Promise.resolve())
      .then(() => step(analysisId))
      .catch((error: Error) => {
        this.logger.warn(`could not report the end of ${analysisId}: ${error.message}`);
      });
    this.endings.set(analysisId, next);
    void next.then(() => {
      if (this.endings.get(analysisId) === next) this.endings.delete(analysisId);
    });
  }

  /** A flow parent completed or failed, or a track failed for good: report what the database says. */
  private async reportEnd(analysisId: string): Promise<void> {
    if (this.finished.has(analysisId)) return;
    const analysis = await this.analyses.endOf(analysisId);
    if (analysis) this.emitEnd(analysisId, analysis);
  }

  /** A feedback job completed: the report follows the completion, which goes first if not sent yet. */
  private async reportFeedback(analysisId: string): Promise<void> {
    const analysis = await this.analyses.endOf(analysisId);
    if (!analysis?.reportSource || analysis.status !== 'completed') return;
    if (!this.finished.has(analysisId)) this.emitEnd(analysisId, analysis);
    this.sockets.emit(analysis.teamId, analysisId, SocketEvent.report, {
      analysisId,
      source: analysis.reportSource,
    });
  }

  private emitEnd(analysisId: string, analysis: AnalysisEnd): void {
    if (analysis.status === 'completed') {
      this.remember(analysisId);
      this.sockets.emit(analysis.teamId, analysisId, SocketEvent.completed, { analysisId });
    } else if (analysis.status === 'failed') {
      this.remember(analysisId);
      this.sockets.emit(analysis.teamId, analysisId, SocketEvent.failed, {
        analysisId,
        error: analysis.error ?? 'The analysis failed',
      });
    }
  }

  private remember(analysisId: string): void {
    this.tracks.delete(analysisId);
    this.finished.add(analysisId);
    if (this.finished.size > REMEMBERED_ANALYSES) {
      const oldest = this.finished.values().next().value;
      if (oldest !== undefined) this.finished.delete(oldest);
    }
  }
}

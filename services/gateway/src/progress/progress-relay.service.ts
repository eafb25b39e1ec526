import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  analysisIdOfJob,
  QueueName,
  redisConnectionFields,
  SocketEvent,
  trackProgressSchema,
  type TrackRole,
} from '@mixscope/contracts';
import { QueueEvents } from 'bullmq';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { DATABASE, type Database } from '@mixscope/service-kit';
import { ProgressGateway } from './progress.gateway.ts';

const REMEMBERED_ANALYSES = 10_000;

/**
 * Relays BullMQ QueueEvents to Socket.IO rooms. Every gateway instance listens to the whole event
 * stream and emits to its own sockets only (ProgressGateway.emit), so each client gets each event
 * exactly once however many instances run, and no single relay instance can take progress down.
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
  /** Latest percent per track of analyses in flight, to report one overall percent. */
  private readonly tracks = new Map<string, Partial<Record<TrackRole, number>>>();
  /** Analyses already reported completed or failed: later events about them are stale. */
  private readonly finished = new Set<string>();
  /** The end events of an analysis being handled, so they go out one at a time and in order. */
  private readonly endings = new Map<string, Promise<void>>();

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(DATABASE) private readonly db: Database,
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
    const { analysisId, teamId, role, stage, percent, trackCount } = parsed.data;
    if (this.finished.has(analysisId)) return;
    const tracks = this.tracks.get(analysisId) ?? {};
    tracks[role] = percent;
    this.tracks.set(analysisId, tracks);
    const overall = ((tracks.mix ?? 0) + (tracks.reference ?? 0)) / trackCount;
    this.sockets.emit(teamId, analysisId, SocketEvent.progress, {
      analysisId,
      stage,
      percent: Math.round(overall * 10) / 10,
      role,
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
    const analysis = await this.db.analysis.findUnique({
      where: { id: analysisId },
      select: { teamId: true, status: true, error: true },
    });
    if (analysis) this.emitEnd(analysisId, analysis);
  }

  /** A feedback job completed: the report follows the completion, which goes first if not sent yet. */
  private async reportFeedback(analysisId: string): Promise<void> {
    const analysis = await this.db.analysis.findUnique({
      where: { id: analysisId },
      select: { teamId: true, status: true, error: true, report: { select: { source: true } } },
    });
    if (!analysis?.report || analysis.status !== 'completed') return;
    if (!this.finished.has(analysisId)) this.emitEnd(analysisId, analysis);
    this.sockets.emit(analysis.teamId, analysisId, SocketEvent.report, {
      analysisId,
      source: analysis.report.source === 'llm' ? 'llm' : 'rules',
    });
  }

  private emitEnd(
    analysisId: string,
    analysis: { teamId: string; status: string; error: string | null },
  ): void {
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

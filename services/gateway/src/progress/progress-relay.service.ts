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
import { DATABASE, type Database } from '../infra/database.provider.ts';
import { ProgressGateway } from './progress.gateway.ts';

const REMEMBERED_ANALYSES = 10_000;

/**
 * Relays BullMQ QueueEvents to Socket.IO rooms. Every gateway instance listens to the whole event
 * stream and emits to its own sockets, so several instances need no shared socket adapter.
 */
@Injectable()
export class ProgressRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProgressRelayService.name);
  private readonly listeners: QueueEvents[] = [];
  /** Latest percent per track of analyses in flight, to report one overall percent. */
  private readonly tracks = new Map<string, Partial<Record<TrackRole, number>>>();
  /** Analyses already reported completed or failed: later events about them are stale. */
  private readonly finished = new Set<string>();

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
    analyze.on('progress', ({ data }) => this.onProgress(data));
    analyze.on('failed', ({ jobId }) => void this.onFinished(jobId));
    finalize.on('completed', ({ jobId }) => void this.onFinished(jobId));
    finalize.on('failed', ({ jobId }) => void this.onFinished(jobId));
    for (const events of [analyze, finalize]) {
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

  /** A flow parent completed or failed, or a track failed for good: report what the database says. */
  private async onFinished(jobId: string): Promise<void> {
    const analysisId = analysisIdOfJob(jobId);
    if (!analysisId || this.finished.has(analysisId)) return;
    try {
      const analysis = await this.db.analysis.findUnique({
        where: { id: analysisId },
        select: { teamId: true, status: true, error: true },
      });
      if (!analysis || (analysis.status !== 'completed' && analysis.status !== 'failed')) return;
      this.remember(analysisId);
      if (analysis.status === 'completed') {
        this.sockets.emit(analysis.teamId, analysisId, SocketEvent.completed, { analysisId });
      } else {
        this.sockets.emit(analysis.teamId, analysisId, SocketEvent.failed, {
          analysisId,
          error: analysis.error ?? 'The analysis failed',
        });
      }
    } catch (error) {
      this.logger.warn(`could not report the end of ${analysisId}: ${(error as Error).message}`);
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

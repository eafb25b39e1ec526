import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { DATABASE, type Database } from '@mixscope/service-kit';
import { SEALED_PREFIX, StorageService } from '../infra/storage.service.ts';

const BATCH = 100;
const DAY_MS = 24 * 3600 * 1000;

export interface SweepReport {
  deleted: number;
  /** Objects S3 refused to delete; they are tried again at the next sweep. */
  failed: number;
}

/**
 * Deletes uploaded audio from S3 once it is older than AUDIO_RETENTION_DAYS, and marks the upload
 * `deleted`. Analyses, their results and reports are kept. Audio that a queued or running analysis
 * still needs waits for the next sweep. Rows are claimed with SKIP LOCKED, so several gateway
 * instances sweep side by side without doing the same work twice.
 */
@Injectable()
export class AudioRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AudioRetentionService.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<SweepReport> | null = null;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly storage: StorageService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.retention.sweepIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping?.catch(() => undefined);
  }

  /** One pass over everything past its time; overlapping calls share the pass in progress. */
  sweep(now = new Date()): Promise<SweepReport> {
    this.sweeping ??= this.sweepAll(now).finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  private async sweepAll(now: Date): Promise<SweepReport> {
    await this.sweepAbandoned(now);
    await this.sweepLandingKeys(now);
    const total: SweepReport = { deleted: 0, failed: 0 };
    const days = this.config.retention.audioDays;
    if (days <= 0) return total;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    try {
      for (;;) {
        const batch = await this.sweepBatch(cutoff);
        total.deleted += batch.deleted;
        total.failed += batch.failed;
        if (batch.claimed < BATCH || batch.deleted === 0) break;
      }
    } catch (error) {
      this.logger.warn(`retention sweep stopped early: ${(error as Error).message}`);
    }
    if (total.deleted || total.failed)
      this.logger.log(
        `deleted the audio of ${total.deleted} uploads older than ${days} days` +
          (total.failed ? ` (${total.failed} could not be deleted; next sweep retries)` : ''),
      );
    return total;
  }

  /** Uploads never completed: their URL expired UPLOAD_ABANDONED_AFTER_SEC ago, so no file can still arrive. */
  private async sweepAbandoned(now: Date): Promise<void> {
    const cutoff = new Date(now.getTime() - this.config.uploads.abandonedAfterSec * 1000);
    const total: SweepReport = { deleted: 0, failed: 0 };
    try {
      for (;;) {
        const batch = await this.sweepBatch(cutoff, 'abandoned');
        total.deleted += batch.deleted;
        total.failed += batch.failed;
        if (batch.claimed < BATCH || batch.deleted === 0) break;
      }
    } catch (error) {
      this.logger.warn(`sweep of abandoned uploads stopped early: ${(error as Error).message}`);
    }
    if (total.deleted || total.failed)
      this.logger.log(
        `deleted ${total.deleted} uploads that were never completed` +
          (total.failed ? ` (${total.failed} could not be deleted; next sweep retries)` : ''),
      );
  }

  /**
   * A completed upload's presigned PUT URL stays valid until it expires, and a PUT through it
   * writes to the landing key, which nothing reads after the sealed copy. Once the URL has
   * expired, nothing more can arrive there: delete it once.
   */
  private async sweepLandingKeys(now: Date): Promise<void> {
    let cleared = 0;
    try {
      for (;;) {
        const rows = await this.db.$queryRaw<{ id: string; object_key: string }[]>`
          SELECT id, object_key FROM uploads
          WHERE status <> 'pending' AND landing_cleared_at IS NULL
            AND expires_at < ${now} AND object_key LIKE ${`${SEALED_PREFIX}%`}
          ORDER BY expires_at
          LIMIT ${BATCH}`;
        const done: string[] = [];
        for (const row of rows) {
          try {
            await this.storage.delete(row.object_key.slice(SEALED_PREFIX.length));
            done.push(row.id);
          } catch (error) {
            this.logger.warn(`could not clear a landing key: ${(error as Error).message}`);
          }
        }
        if (done.length) {
          await this.db.upload.updateMany({
            where: { id: { in: done } },
            data: { landingClearedAt: now },
          });
          cleared += done.length;
        }
        if (rows.length < BATCH || done.length === 0) break;
      }
    } catch (error) {
      this.logger.warn(`sweep of landing keys stopped early: ${(error as Error).message}`);
    }
    if (cleared) this.logger.log(`cleared the landing keys of ${cleared} completed uploads`);
  }

  private sweepBatch(
    cutoff: Date,
    kind: 'expired' | 'abandoned' = 'expired',
  ): Promise<SweepReport & { claimed: number }> {
    return this.db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<{ id: string; object_key: string }[]>`
          SELECT u.id, u.object_key
          FROM uploads u
          WHERE u.status <> 'deleted'
            AND ${kind === 'abandoned'}::boolean = (u.status = 'pending')
            AND (CASE WHEN ${kind === 'abandoned'}::boolean THEN u.expires_at ELSE u.created_at END) < ${cutoff}
            AND NOT EXISTS (
              SELECT 1 FROM analyses a
              WHERE (a.upload_id = u.id OR a.reference_upload_id = u.id)
                AND a.status IN ('queued', 'running'))
          ORDER BY u.created_at
          LIMIT ${BATCH}
          FOR UPDATE OF u SKIP LOCKED`;
        const deleted: string[] = [];
        for (const row of rows) {
          try {
            await this.storage.delete(row.object_key);
            deleted.push(row.id);
          } catch (error) {
            this.logger.warn(`could not delete ${row.object_key}: ${(error as Error).message}`);
          }
        }
        if (deleted.length)
          await tx.upload.updateMany({
            where: { id: { in: deleted } },
            data: { status: 'deleted' },
          });
        return {
          claimed: rows.length,
          deleted: deleted.length,
          failed: rows.length - deleted.length,
        };
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  }
}

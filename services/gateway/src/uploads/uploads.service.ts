import {
  ConflictException,
  GoneException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  AUDIO_FORMATS,
  detectAudioContainer,
  isAudioContentType,
  SIGNATURE_BYTES,
  type PresignedUploadResponse,
  type UploadDto,
  type UploadLimits,
} from '@mixscope/contracts';
import { formatBytes } from '@mixscope/present';
import { randomUUID } from 'node:crypto';
import type { AuthContext } from '../auth/auth-context.ts';
import { toUploadDto } from '../common/dto-mappers.ts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { DATABASE, type Database } from '@mixscope/service-kit';
import { StorageService } from '../infra/storage.service.ts';
import { ProjectsService } from '../projects/projects.service.ts';
import { TeamAccessService } from '../teams/team-access.service.ts';
import { RateLimitPeek } from '../throttling/rate-limit-peek.ts';
import type { CreateUploadDto } from './upload.dto.ts';

/**
 * Uploads go straight from the client to S3 through a presigned PUT; the gateway only hands out
 * the URL and then checks what arrived (size and first bytes) before anything may analyse it.
 */
@Injectable()
export class UploadsService {
  private readonly logger = new Logger(UploadsService.name);

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly storage: StorageService,
    private readonly projects: ProjectsService,
    private readonly access: TeamAccessService,
    private readonly rateLimits: RateLimitPeek,
  ) {}

  /** What an upload may be: the size limit from the environment and the accepted-format table. */
  limits(): UploadLimits {
    return { maxUploadBytes: this.config.uploads.maxBytes, acceptedFormats: AUDIO_FORMATS };
  }

  async presign(
    auth: AuthContext,
    projectId: string,
    dto: CreateUploadDto,
  ): Promise<PresignedUploadResponse> {
    const project = await this.projects.require(auth, projectId);
    await this.access.requireAction(auth, project.teamId, 'analyse');
    // An upload is only ever analysed: refuse it before the bytes travel, not after.
    await this.rateLimits.assertRoom('analyses', auth);
    if (dto.sizeBytes > this.config.uploads.maxBytes) {
      throw new PayloadTooLargeException(
        `Files can be at most ${formatBytes(this.config.uploads.maxBytes)}`,
      );
    }
    if (!isAudioContentType(dto.contentType)) {
      throw new UnprocessableEntityException(`${dto.contentType} is not an audio type`);
    }
    const id = randomUUID();
    const objectKey = `audio/${project.teamId}/${project.id}/${id}`;
    const ttlSec = this.config.uploads.urlTtlSec;
    const expiresAt = new Date(Date.now() + ttlSec * 1000);
    const presigned = await this.storage.presignPut(
      objectKey,
      dto.contentType,
      dto.sizeBytes,
      ttlSec,
    );
    const row = {
      id,
      teamId: project.teamId,
      projectId: project.id,
      createdById: auth.userId,
      fileName: dto.fileName.trim(),
      contentType: dto.contentType,
      declaredSizeBytes: dto.sizeBytes,
      objectKey,
      expiresAt,
    };
    const quota = this.config.uploads.teamQuotaBytes;
    if (quota > 0) {
      await this.db.$transaction(async (tx) => {
        // One team's presigns take turns, so two cannot both fit in the last free bytes.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${project.teamId}))`;
        const [{ used }] = await tx.$queryRaw<{ used: bigint }[]>`
          SELECT COALESCE(SUM(COALESCE(size_bytes, declared_size_bytes)), 0)::bigint AS used
          FROM uploads
          WHERE team_id = ${project.teamId}::uuid AND status IN ('pending', 'ready')`;
        if (Number(used) + dto.sizeBytes > quota) {
          throw new PayloadTooLargeException(
            `The team's storage quota is used up: ${formatBytes(Number(used))} of ` +
              `${formatBytes(quota)} used, and this file needs ${formatBytes(dto.sizeBytes)}`,
          );
        }
        await tx.upload.create({ data: row });
      });
    } else {
      await this.db.upload.create({ data: row });
    }
    return {
      uploadId: id,
      url: presigned.url,
      method: 'PUT',
      headers: presigned.headers,
      expiresAt: expiresAt.toISOString(),
    };
  }

  async complete(auth: AuthContext, uploadId: string): Promise<{ upload: UploadDto }> {
    const upload = await this.require(auth, uploadId);
    await this.access.requireAction(auth, upload.teamId, 'analyse');
    if (upload.status === 'ready') return { upload: toUploadDto(upload) };
    if (upload.status === 'rejected')
      throw new UnprocessableEntityException(upload.rejectionReason);
    if (upload.status === 'deleted') throw new GoneException('This upload has been deleted');

    const landed = await this.storage.sizeOf(upload.objectKey);
    if (landed === null) {
      if (upload.expiresAt <= new Date()) {
        throw new GoneException('The upload URL expired before a file arrived; start a new upload');
      }
      throw new ConflictException('No file has been uploaded yet');
    }
    // The upload URL stays valid after this: check and analyse a sealed copy, never the landing key.
    const sealedKey = await this.storage.seal(upload.objectKey);
    const sealed = { id: upload.id, objectKey: upload.objectKey, sealedKey };
    const size = (await this.storage.sizeOf(sealedKey)) ?? 0;
    if (size > this.config.uploads.maxBytes) {
      await this.reject(
        sealed,
        `The file is larger than ${formatBytes(this.config.uploads.maxBytes)}`,
      );
      throw new PayloadTooLargeException(
        `Files can be at most ${formatBytes(this.config.uploads.maxBytes)}`,
      );
    }
    if (size !== upload.declaredSizeBytes) {
      const reason = `The uploaded file has ${size} bytes but ${upload.declaredSizeBytes} were declared`;
      await this.reject(sealed, reason);
      throw new UnprocessableEntityException(reason);
    }
    const head = await this.storage.firstBytes(sealedKey, SIGNATURE_BYTES);
    const container = detectAudioContainer(head);
    if (!container) {
      const reason = 'The file is not in a known audio format';
      await this.reject(sealed, reason);
      throw new UnprocessableEntityException(reason);
    }
    const ready = await this.db.upload.update({
      where: { id: upload.id },
      data: {
        status: 'ready',
        objectKey: sealedKey,
        sizeBytes: size,
        container,
        completedAt: new Date(),
      },
    });
    await this.deleteQuietly(upload.objectKey);
    return { upload: toUploadDto(ready) };
  }

  /** The upload if it belongs to one of the caller's teams; 404 otherwise. */
  async require(auth: AuthContext, uploadId: string) {
    const upload = await this.db.upload.findFirst({
      where: { id: uploadId, ...this.access.scope(auth) },
    });
    if (!upload) throw new NotFoundException('Not found');
    return upload;
  }

  private async reject(
    upload: { id: string; objectKey: string; sealedKey: string },
    reason: string,
  ): Promise<void> {
    await this.deleteQuietly(upload.objectKey);
    await this.deleteQuietly(upload.sealedKey);
    await this.db.upload.update({
      where: { id: upload.id },
      data: { status: 'rejected', rejectionReason: reason },
    });
  }

  private async deleteQuietly(key: string): Promise<void> {
    await this.storage.delete(key).catch((error: Error) => {
      this.logger.warn(`could not delete object ${key}: ${error.message}`);
    });
  }
}

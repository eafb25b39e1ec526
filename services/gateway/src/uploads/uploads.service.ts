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
    await this.db.upload.create({
      data: {
        id,
        teamId: project.teamId,
        projectId: project.id,
        createdById: auth.userId,
        fileName: dto.fileName.trim(),
        contentType: dto.contentType,
        declaredSizeBytes: dto.sizeBytes,
        objectKey,
        expiresAt,
      },
    });
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
    if (upload.status === 'ready') return { upload: toUploadDto(upload) };
    if (upload.status === 'rejected')
      throw new UnprocessableEntityException(upload.rejectionReason);
    if (upload.status === 'deleted') throw new GoneException('This upload has been deleted');

    const size = await this.storage.sizeOf(upload.objectKey);
    if (size === null) {
      if (upload.expiresAt <= new Date()) {
        throw new GoneException('The upload URL expired before a file arrived; start a new upload');
      }
      throw new ConflictException('No file has been uploaded yet');
    }
    if (size > this.config.uploads.maxBytes) {
      await this.reject(
        upload,
        `The file is larger than ${formatBytes(this.config.uploads.maxBytes)}`,
      );
      throw new PayloadTooLargeException(
        `Files can be at most ${formatBytes(this.config.uploads.maxBytes)}`,
      );
    }
    if (size !== upload.declaredSizeBytes) {
      const reason = `The uploaded file has ${size} bytes but ${upload.declaredSizeBytes} were declared`;
      await this.reject(upload, reason);
      throw new UnprocessableEntityException(reason);
    }
    const head = await this.storage.firstBytes(upload.objectKey, SIGNATURE_BYTES);
    const container = detectAudioContainer(head);
    if (!container) {
      const reason = 'The file is not in a known audio format';
      await this.reject(upload, reason);
      throw new UnprocessableEntityException(reason);
    }
    const ready = await this.db.upload.update({
      where: { id: upload.id },
      data: { status: 'ready', sizeBytes: size, container, completedAt: new Date() },
    });
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

  private async reject(upload: { id: string; objectKey: string }, reason: string): Promise<void> {
    await this.storage.delete(upload.objectKey).catch((error: Error) => {
      this.logger.warn(`could not delete rejected object ${upload.objectKey}: ${error.message}`);
    });
    await this.db.upload.update({
      where: { id: upload.id },
      data: { status: 'rejected', rejectionReason: reason },
    });
  }
}

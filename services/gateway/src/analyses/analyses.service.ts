import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type {
  AnalysisDto,
  AnalysisListResponse,
  CreateAnalysisResponse,
  TrackRole,
} from '@mixscope/contracts';
import type { AuthContext } from '../auth/auth-context.ts';
import { AnalysisQueueService, type AnalysisFlowInput } from '../infra/analysis-queue.service.ts';
import { DATABASE, type Database } from '@mixscope/service-kit';
import { StorageService } from '../infra/storage.service.ts';
import { ProjectsService } from '../projects/projects.service.ts';
import { TeamAccessService } from '../teams/team-access.service.ts';
import { UploadsService } from '../uploads/uploads.service.ts';
import type { CreateAnalysisDto } from './analysis.dto.ts';
import { toAnalysisDto, toAnalysisSummary } from './analysis-view.ts';

interface TrackUpload {
  id: string;
  objectKey: string;
  fileName: string;
  sizeBytes: number | null;
  declaredSizeBytes: number;
}

/** The queue input for an analysis, rebuilt the same way at creation and when re-enqueueing. */
export function flowInputOf(
  analysis: { id: string; teamId: string },
  mix: TrackUpload,
  reference: TrackUpload | null,
): AnalysisFlowInput {
  const track = (role: TrackRole, upload: TrackUpload) => ({
    role,
    uploadId: upload.id,
    objectKey: upload.objectKey,
    fileName: upload.fileName,
    sizeBytes: upload.sizeBytes ?? upload.declaredSizeBytes,
  });
  return {
    analysisId: analysis.id,
    teamId: analysis.teamId,
    tracks: reference ? [track('mix', mix), track('reference', reference)] : [track('mix', mix)],
  };
}

@Injectable()
export class AnalysesService {
  private readonly logger = new Logger(AnalysesService.name);

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly queue: AnalysisQueueService,
    private readonly storage: StorageService,
    private readonly projects: ProjectsService,
    private readonly uploads: UploadsService,
    private readonly access: TeamAccessService,
  ) {}

  async create(
    auth: AuthContext,
    projectId: string,
    dto: CreateAnalysisDto,
  ): Promise<CreateAnalysisResponse> {
    const project = await this.projects.require(auth, projectId);
    if (dto.referenceUploadId && dto.referenceUploadId === dto.uploadId) {
      throw new UnprocessableEntityException('The reference must be another upload than the mix');
    }
    const mix = await this.readyUpload(auth, dto.uploadId, project.teamId);
    const reference = dto.referenceUploadId
      ? await this.readyUpload(auth, dto.referenceUploadId, project.teamId)
      : null;

    const analysis = await this.db.$transaction(async (tx) => {
      const { lastRevision } = await tx.project.update({
        where: { id: project.id },
        data: { lastRevision: { increment: 1 } },
      });
      return tx.analysis.create({
        data: {
          teamId: project.teamId,
          projectId: project.id,
          createdById: auth.userId,
          revision: lastRevision,
          title: dto.title?.trim() || null,
          genre: dto.genre ?? null,
          targets: dto.targets ?? [],
          uploadId: mix.id,
          referenceUploadId: reference?.id ?? null,
        },
      });
    });
    try {
      await this.queue.enqueue(flowInputOf(analysis, mix, reference));
    } catch (error) {
      // The analysis is recorded; the reconciler enqueues it once Redis answers again.
      this.logger.warn(
        `analysis ${analysis.id} recorded but not enqueued yet: ${(error as Error).message}`,
      );
    }
    return { analysisId: analysis.id, status: 'queued' };
  }

  async get(auth: AuthContext, analysisId: string): Promise<AnalysisDto> {
    const analysis = await this.db.analysis.findFirst({
      where: { id: analysisId, ...this.access.scope(auth) },
      include: {
        tracks: { select: { role: true, result: true } },
        report: { select: { body: true } },
      },
    });
    if (!analysis) throw new NotFoundException('Not found');
    return toAnalysisDto(analysis, analysis.tracks, analysis.report?.body);
  }

  async list(
    auth: AuthContext,
    projectId: string,
    cursor?: string,
    limit = 20,
  ): Promise<AnalysisListResponse> {
    const project = await this.projects.require(auth, projectId);
    const rows = await this.db.analysis.findMany({
      where: { projectId: project.id, ...(cursor ? { revision: { lt: Number(cursor) } } : {}) },
      orderBy: { revision: 'desc' },
      take: limit + 1,
      include: {
        upload: { select: { fileName: true } },
        referenceUpload: { select: { fileName: true } },
      },
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map(toAnalysisSummary),
      nextCursor: rows.length > limit ? String(page[page.length - 1].revision) : null,
    };
  }

  /** Deletes the analysis, and the audio of its uploads that no other analysis still uses. */
  async delete(auth: AuthContext, analysisId: string): Promise<void> {
    const analysis = await this.db.analysis.findFirst({
      where: { id: analysisId, ...this.access.scope(auth) },
      include: { upload: true, referenceUpload: true },
    });
    if (!analysis) throw new NotFoundException('Not found');
    await this.queue.discard(analysis.id).catch((error: Error) => {
      this.logger.warn(`could not drop queued jobs of ${analysis.id}: ${error.message}`);
    });
    const uploads = [analysis.upload, analysis.referenceUpload].filter((u) => u !== null);
    const orphaned = [];
    for (const upload of uploads) {
      const users = await this.db.analysis.count({
        where: {
          id: { not: analysis.id },
          OR: [{ uploadId: upload.id }, { referenceUploadId: upload.id }],
        },
      });
      if (users === 0) orphaned.push(upload);
    }
    // Audio first: if S3 refuses, nothing is lost and the caller can retry the delete.
    for (const upload of orphaned) await this.storage.delete(upload.objectKey);
    await this.db.$transaction([
      this.db.analysis.delete({ where: { id: analysis.id } }),
      this.db.upload.updateMany({
        where: { id: { in: orphaned.map((u) => u.id) } },
        data: { status: 'deleted' },
      }),
    ]);
  }

  private async readyUpload(auth: AuthContext, uploadId: string, teamId: string) {
    const upload = await this.uploads.require(auth, uploadId);
    if (upload.teamId !== teamId) {
      throw new UnprocessableEntityException('The upload belongs to another team than the project');
    }
    if (upload.status !== 'ready') {
      throw new ConflictException(
        upload.status === 'pending'
          ? 'Complete the upload (POST /api/uploads/:id/complete) before analysing it'
          : `The upload is ${upload.status}`,
      );
    }
    return upload;
  }
}

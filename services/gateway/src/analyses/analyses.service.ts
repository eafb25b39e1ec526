import {
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  AUTO_GENRE,
  type AnalysisDto,
  type AnalysisListResponse,
  type CreateAnalysisResponse,
} from '@mixscope/contracts';
import { AnalysisRepository, flowInputOf } from '@mixscope/pipeline';
import type { AuthContext } from '../auth/auth-context.ts';
import { AnalysisQueueService } from '../infra/analysis-queue.service.ts';
import { StorageService } from '../infra/storage.service.ts';
import { ProjectsService } from '../projects/projects.service.ts';
import { TeamAccessService } from '../teams/team-access.service.ts';
import { UploadsService } from '../uploads/uploads.service.ts';
import type { CreateAnalysisDto } from './analysis.dto.ts';
import { toAnalysisDto, toAnalysisSummary } from './analysis-view.ts';

@Injectable()
export class AnalysesService {
  private readonly logger = new Logger(AnalysesService.name);

  constructor(
    private readonly analyses: AnalysisRepository,
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
    await this.access.requireAction(auth, project.teamId, 'analyse');
    if (dto.referenceUploadId && dto.referenceUploadId === dto.uploadId) {
      throw new UnprocessableEntityException('The reference must be another upload than the mix');
    }
    const mix = await this.readyUpload(auth, dto.uploadId, project.teamId);
    const reference = dto.referenceUploadId
      ? await this.readyUpload(auth, dto.referenceUploadId, project.teamId)
      : null;

    const analysis = await this.analyses.create({
      teamId: project.teamId,
      projectId: project.id,
      createdById: auth.userId,
      title: dto.title?.trim() || null,
      // No genre and "auto" mean the same: the feedback picks the profile from the measurements.
      genre: dto.genre === undefined || dto.genre === AUTO_GENRE ? null : dto.genre,
      targets: dto.targets ?? [],
      uploadId: mix.id,
      referenceUploadId: reference?.id ?? null,
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
    const analysis = await this.analyses.findForTeams(analysisId, auth.teamIds);
    if (!analysis) throw new NotFoundException('Not found');
    return toAnalysisDto(analysis);
  }

  async list(
    auth: AuthContext,
    projectId: string,
    cursor?: number,
    limit = 20,
  ): Promise<AnalysisListResponse> {
    const project = await this.projects.require(auth, projectId);
    const page = await this.analyses.listForProject(project.id, {
      beforeRevision: cursor,
      limit,
    });
    return {
      items: page.items.map(toAnalysisSummary),
      nextCursor: page.more ? String(page.items[page.items.length - 1].revision) : null,
    };
  }

  /** Deletes the analysis, and the audio of its uploads that no other analysis still uses. */
  async delete(auth: AuthContext, analysisId: string): Promise<void> {
    const analysis = await this.analyses.findWithUploads(analysisId, auth.teamIds);
    if (!analysis) throw new NotFoundException('Not found');
    await this.access.requireAnalysisDeletable(auth, analysis);
    await this.queue.discard(analysis.id).catch((error: Error) => {
      this.logger.warn(`could not drop queued jobs of ${analysis.id}: ${error.message}`);
    });
    const uploads = [analysis.upload, analysis.referenceUpload].filter((u) => u !== null);
    const orphaned = [];
    for (const upload of uploads) {
      if (!(await this.analyses.isUploadUsedElsewhere(upload.id, analysis.id)))
        orphaned.push(upload);
    }
    // Audio first: if S3 refuses, nothing is lost and the caller can retry the delete.
    for (const upload of orphaned) await this.storage.delete(upload.objectKey);
    await this.analyses.delete(
      analysis.id,
      orphaned.map((u) => u.id),
    );
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

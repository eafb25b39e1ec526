import {
  BadRequestException,
  ConflictException,
  HttpException,
  Injectable,
  Logger,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  AUTO_GENRE,
  type AnalysisListResponse,
  type BatchAnalysisResponse,
  type CreateAnalysisResponse,
} from '@mixscope/contracts';
import { AnalysisRepository, flowInputOf, type NewAnalysis } from '@mixscope/pipeline';
import type { AuthContext } from '../auth/auth-context.ts';
import { AnalysisQueueService } from '../infra/analysis-queue.service.ts';
import { StorageService } from '../infra/storage.service.ts';
import { ProfilesService } from '../profiles/profiles.service.ts';
import { ProjectsService } from '../projects/projects.service.ts';
import { TeamAccessService } from '../teams/team-access.service.ts';
import { UploadsService } from '../uploads/uploads.service.ts';
import type { BatchAnalysisDto, CreateAnalysisDto } from './analysis.dto.ts';
import { AnalysisDocuments, type AnalysisDocument } from './analysis-documents.ts';
import { toAnalysisSummary } from './analysis-view.ts';

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
    private readonly profiles: ProfilesService,
    private readonly documents: AnalysisDocuments,
  ) {}

  async create(
    auth: AuthContext,
    projectId: string,
    dto: CreateAnalysisDto,
  ): Promise<CreateAnalysisResponse> {
    const [started] = await this.start([await this.plan(auth, projectId, dto)]);
    return { analysisId: started.analysisId, status: 'queued' };
  }

  /**
   * An album in one submission: every item is checked exactly as a single analysis is, and only
   * when all pass is anything recorded or queued.
   */
  async createBatch(auth: AuthContext, dto: BatchAnalysisDto): Promise<BatchAnalysisResponse> {
    const seen = new Map<string, number>();
    dto.items.forEach((item, index) => {
      const earlier = seen.get(item.uploadId);
      if (earlier !== undefined)
        throw new BadRequestException(
          `items[${index}]: the upload ${item.uploadId} is already the mix of items[${earlier}]`,
        );
      seen.set(item.uploadId, index);
    });
    const plans = [];
    for (const [index, item] of dto.items.entries()) {
      try {
        plans.push(await this.plan(auth, item.projectId, item));
      } catch (error) {
        throw error instanceof HttpException ? itemError(index, error) : error;
      }
    }
    const started = await this.start(plans);
    return {
      analyses: started.map(({ analysisId, projectId }) => ({
        analysisId,
        projectId,
        status: 'queued',
      })),
    };
  }

  /** Checks one request against the caller's teams and uploads; records nothing. */
  private async plan(auth: AuthContext, projectId: string, dto: CreateAnalysisDto) {
    const project = await this.projects.require(auth, projectId);
    await this.access.requireAction(auth, project.teamId, 'analyse');
    if (dto.referenceUploadId && dto.referenceUploadId === dto.uploadId) {
      throw new UnprocessableEntityException('The reference must be another upload than the mix');
    }
    const mix = await this.readyUpload(auth, dto.uploadId, project.teamId);
    const reference = dto.referenceUploadId
      ? await this.readyUpload(auth, dto.referenceUploadId, project.teamId)
      : null;
    if (dto.profileId !== undefined && dto.genre !== undefined && dto.genre !== AUTO_GENRE) {
      throw new BadRequestException('Choose either a genre or a profileId, not both');
    }
    const target = dto.profileId
      ? {
          profileId: dto.profileId,
          profile: await this.profiles.requireForAnalysis(dto.profileId, project.teamId),
        }
      : undefined;
    const record: NewAnalysis = {
      teamId: project.teamId,
      projectId: project.id,
      createdById: auth.userId,
      title: dto.title?.trim() || null,
      // No genre and "auto" mean the same: the feedback picks the profile from the measurements.
      genre: dto.genre === undefined || dto.genre === AUTO_GENRE ? null : dto.genre,
      targets: dto.targets ?? [],
      uploadId: mix.id,
      referenceUploadId: reference?.id ?? null,
      ...(target ? { target } : {}),
    };
    return { record, mix, reference };
  }

  /** Records the planned analyses in one transaction, then queues each. */
  private async start(plans: Awaited<ReturnType<AnalysesService['plan']>>[]) {
    const created = await this.analyses.createAll(plans.map((p) => p.record));
    const started = [];
    for (const [index, analysis] of created.entries()) {
      const { mix, reference, record } = plans[index];
      try {
        await this.queue.enqueue(flowInputOf(analysis, mix, reference));
      } catch (error) {
        // The analysis is recorded; the reconciler enqueues it once Redis answers again.
        this.logger.warn(
          `analysis ${analysis.id} recorded but not enqueued yet: ${(error as Error).message}`,
        );
      }
      started.push({ analysisId: analysis.id, projectId: record.projectId });
    }
    return started;
  }

  get(auth: AuthContext, analysisId: string): Promise<AnalysisDocument> {
    return this.documents.read(auth, analysisId);
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
    this.documents.forget(analysis.id);
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

/** The item's own refusal (same status), saying which item it was. */
function itemError(index: number, error: HttpException): HttpException {
  const body = error.getResponse();
  const message =
    typeof body === 'string' ? body : (body as { message?: string | string[] }).message;
  const text = Array.isArray(message) ? message.join('; ') : (message ?? error.message);
  return new HttpException(
    { statusCode: error.getStatus(), message: `items[${index}]: ${text}` },
    error.getStatus(),
  );
}

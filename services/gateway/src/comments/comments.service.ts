import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import {
  COMMENTS_MAX_PER_ANALYSIS,
  roleAllows,
  SocketEvent,
  type CommentDto,
} from '@mixscope/contracts';
import { AnalysisRepository, type AnalysisTracks } from '@mixscope/pipeline';
import { DATABASE, type Database } from '@mixscope/service-kit';
import type { AuthContext } from '../auth/auth-context.ts';
import { ProgressGateway } from '../progress/progress.gateway.ts';
import { TeamAccessService } from '../teams/team-access.service.ts';
import type { CreateCommentDto, UpdateCommentDto } from './comment.dto.ts';
import { COMMENT_COLUMNS, toCommentDto } from './comment-view.ts';

/**
 * Timestamped comments on a completed analysis. Every change is sent live to the sockets watching
 * the analysis, on every gateway instance.
 */
@Injectable()
export class CommentsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly analyses: AnalysisRepository,
    private readonly access: TeamAccessService,
    private readonly sockets: ProgressGateway,
  ) {}

  async create(auth: AuthContext, analysisId: string, dto: CreateCommentDto): Promise<CommentDto> {
    const analysis = await this.requireAnalysis(auth, analysisId);
    await this.access.requireAction(auth, analysis.teamId, 'comment');
    const durationSec = commentable(analysis);
    if (dto.atSec > durationSec)
      throw new BadRequestException(`atSec must lie within the mix (0 to ${durationSec} s)`);
    if (dto.endSec !== undefined && !(dto.endSec > dto.atSec && dto.endSec <= durationSec))
      throw new BadRequestException(
        `endSec must be after atSec and within the mix (at most ${durationSec} s)`,
      );
    const parentId = dto.parentId ? await this.threadRoot(analysis.id, dto.parentId) : null;
    if ((await this.db.comment.count({ where: { analysisId } })) >= COMMENTS_MAX_PER_ANALYSIS)
      throw new ConflictException(
        `An analysis holds at most ${COMMENTS_MAX_PER_ANALYSIS} comments; delete some first`,
      );
    const row = await this.db.comment.create({
      data: {
        analysisId: analysis.id,
        authorId: auth.userId,
        parentId,
        body: dto.body,
        atSec: dto.atSec,
        endSec: dto.endSec ?? null,
      },
      select: COMMENT_COLUMNS,
    });
    const comment = toCommentDto(row);
    this.sockets.broadcastToAnalysis(analysis.id, SocketEvent.commentCreated, comment);
    return comment;
  }

  /** Time order: by atSec, then by when they were written. */
  async list(auth: AuthContext, analysisId: string): Promise<CommentDto[]> {
    const analysis = await this.requireAnalysis(auth, analysisId);
    await this.access.requireAction(auth, analysis.teamId, 'listen');
    return this.inTimeOrder(analysis.id);
  }

  /** The analysis' comments in time order, for a caller that has already decided who may read them. */
  async inTimeOrder(analysisId: string): Promise<CommentDto[]> {
    const rows = await this.db.comment.findMany({
      where: { analysisId },
      orderBy: [{ atSec: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      select: COMMENT_COLUMNS,
    });
    return rows.map(toCommentDto);
  }

  /** The body is its author's to edit; any member who may comment resolves or reopens it. */
  async update(auth: AuthContext, commentId: string, dto: UpdateCommentDto): Promise<CommentDto> {
    if (dto.body === undefined && dto.resolved === undefined)
      throw new BadRequestException('Give body, resolved, or both');
    const comment = await this.requireComment(auth, commentId);
    await this.access.requireAction(auth, comment.teamId, 'comment');
    if (dto.body !== undefined && comment.authorId !== auth.userId)
      throw new ForbiddenException('Only its author can edit a comment');
    const resolvedAt =
      dto.resolved === undefined
        ? undefined
        : dto.resolved
          ? (comment.resolvedAt ?? new Date())
          : null;
    const row = await this.db.comment.update({
      where: { id: comment.id },
      data: { body: dto.body, resolvedAt },
      select: COMMENT_COLUMNS,
    });
    const updated = toCommentDto(row);
    this.sockets.broadcastToAnalysis(comment.analysisId, SocketEvent.commentUpdated, updated);
    return updated;
  }

  /** By its author, or by a team admin or owner; its replies go with it. */
  async delete(auth: AuthContext, commentId: string): Promise<void> {
    const comment = await this.requireComment(auth, commentId);
    const role = await this.access.roleIn(auth, comment.teamId);
    const mayDelete =
      roleAllows(role, 'deleteAnyAnalysis') ||
      (comment.authorId === auth.userId && roleAllows(role, 'comment'));
    if (!mayDelete)
      throw new ForbiddenException('Only its author or a team admin or owner can delete a comment');
    const replies = await this.db.comment.findMany({
      where: { parentId: comment.id },
      select: { id: true },
    });
    await this.db.comment.deleteMany({ where: { id: comment.id } });
    for (const id of [...replies.map((reply) => reply.id), comment.id])
      this.sockets.broadcastToAnalysis(comment.analysisId, SocketEvent.commentDeleted, {
        analysisId: comment.analysisId,
        id,
      });
  }

  private async requireAnalysis(auth: AuthContext, analysisId: string): Promise<AnalysisTracks> {
    const analysis = await this.analyses.findTracks(analysisId, auth.teamIds);
    if (!analysis) throw new NotFoundException('Not found');
    return analysis;
  }

  /** The comment if its analysis belongs to one of the caller's teams; 404 otherwise. */
  private async requireComment(auth: AuthContext, commentId: string) {
    const row = await this.db.comment.findFirst({
      where: { id: commentId, analysis: { teamId: { in: auth.teamIds } } },
      select: {
        id: true,
        analysisId: true,
        authorId: true,
        resolvedAt: true,
        analysis: { select: { teamId: true } },
      },
    });
    if (!row) throw new NotFoundException('Not found');
    return { ...row, teamId: row.analysis.teamId };
  }

  /**
   * The root of the thread `parentId` belongs to: threads are one level deep, so a reply to a
   * reply joins its parent's thread.
   */
  private async threadRoot(analysisId: string, parentId: string): Promise<string> {
    const parent = await this.db.comment.findFirst({
      where: { id: parentId, analysisId },
      select: { id: true, parentId: true },
    });
    if (!parent) throw new BadRequestException('parentId must be a comment of this analysis');
    return parent.parentId ?? parent.id;
  }
}

/** The duration comments must lie within; only a completed analysis has one. */
function commentable(analysis: AnalysisTracks): number {
  if (analysis.status !== 'completed' || analysis.durationSec === null)
    throw new ConflictException(
      `The analysis is ${analysis.status}; comments open once it has completed`,
    );
  return analysis.durationSec;
}

import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  AUDIO_URL_TTL_SEC,
  type AudioUrlResponse,
  type ShareCreatedResponse,
  type ShareDto,
  type SharedAnalysisDto,
  type TrackName,
} from '@mixscope/contracts';
import { AnalysisRepository } from '@mixscope/pipeline';
import { DATABASE, type Database } from '@mixscope/service-kit';
import { toAnalysisDto } from '../analyses/analysis-view.ts';
import type { AuthContext } from '../auth/auth-context.ts';
import { digestToken, newSecretToken, SHARE_TOKEN_PREFIX } from '../auth/secret-token.ts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { CommentsService } from '../comments/comments.service.ts';
import { PlaybackService } from '../playback/playback.service.ts';
import { TeamAccessService } from '../teams/team-access.service.ts';
import { accessRecord, type ShareVisitor } from './share-access-log.ts';
import type { CreateShareDto } from './share.dto.ts';

const HOUR_MS = 3600 * 1000;
/** One message for an unknown, expired or revoked link, so none can be told from another. */
const NO_SUCH_LINK = 'This link does not exist, has expired or was revoked';
const SHARE_TOKEN_SHAPE = new RegExp(`^${SHARE_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`);

/**
 * Client links: made and revoked by team members whose role may share, read by anyone holding the
 * token. A link reaches its one analysis (and its comments only when made with them), nothing else.
 */
@Injectable()
export class SharesService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly analyses: AnalysisRepository,
    private readonly playback: PlaybackService,
    private readonly comments: CommentsService,
    private readonly access: TeamAccessService,
  ) {}

  async create(
    auth: AuthContext,
    analysisId: string,
    dto: CreateShareDto,
  ): Promise<ShareCreatedResponse> {
    await this.requireTeamOf(auth, analysisId, 'share');
    const token = newSecretToken(SHARE_TOKEN_PREFIX);
    const share = await this.db.share.create({
      data: {
        analysisId,
        tokenHash: digestToken(token),
        createdById: auth.userId,
        includeComments: dto.includeComments ?? false,
        expiresAt: new Date(Date.now() + dto.expiresInHours * HOUR_MS),
      },
    });
    return {
      id: share.id,
      token,
      url: `${this.config.mail.publicUrl}/shared/${token}`,
      expiresAt: share.expiresAt.toISOString(),
    };
  }

  async list(auth: AuthContext, analysisId: string): Promise<ShareDto[]> {
    await this.requireTeamOf(auth, analysisId, 'listen');
    const shares = await this.db.share.findMany({
      where: { analysisId },
      orderBy: { createdAt: 'desc' },
      include: { createdBy: { select: { id: true, name: true } } },
    });
    const stats = await this.db.shareAccess.groupBy({
      by: ['shareId'],
      where: { shareId: { in: shares.map((s) => s.id) } },
      _count: { _all: true },
      _max: { at: true },
    });
    const statsOf = new Map(stats.map((s) => [s.shareId, s]));
    return shares.map((share) => ({
      id: share.id,
      createdBy: share.createdBy,
      includeComments: share.includeComments,
      createdAt: share.createdAt.toISOString(),
      expiresAt: share.expiresAt.toISOString(),
      revokedAt: share.revokedAt?.toISOString() ?? null,
      lastAccessAt: statsOf.get(share.id)?._max.at?.toISOString() ?? null,
      accessCount: statsOf.get(share.id)?._count._all ?? 0,
    }));
  }

  async revoke(auth: AuthContext, shareId: string): Promise<void> {
    const share = await this.db.share.findUnique({
      where: { id: shareId },
      select: { id: true, revokedAt: true, analysis: { select: { teamId: true } } },
    });
    if (!share) throw new NotFoundException('Not found');
    await this.access.requireAction(auth, share.analysis.teamId, 'share');
    if (!share.revokedAt)
      await this.db.share.update({ where: { id: share.id }, data: { revokedAt: new Date() } });
  }

  /** GET /api/shared/:token */
  async read(token: string, visitor: ShareVisitor): Promise<SharedAnalysisDto> {
    const share = await this.liveShare(token);
    const stored = await this.analyses.findForTeams(share.analysisId, [share.teamId]);
    if (!stored) throw new NotFoundException(NO_SUCH_LINK);
    const project = await this.db.project.findUniqueOrThrow({
      where: { id: stored.projectId },
      select: { name: true },
    });
    await this.record(share.id, 'analysis', visitor);
    const { id, revision, title, genre, targets, status, result, report, createdAt } =
      toAnalysisDto(stored);
    return {
      analysis: {
        id,
        revision,
        title,
        genre,
        targets,
        status,
        createdAt,
        projectName: project.name,
        ...(result ? { result } : {}),
        ...(report ? { report } : {}),
      },
      waveform: {
        mix: await this.analyses.findWaveform(id, 'mix', 'overview'),
        reference: stored.roles.includes('reference')
          ? await this.analyses.findWaveform(id, 'reference', 'overview')
          : null,
      },
      ...(share.includeComments ? { comments: await this.comments.inTimeOrder(id) } : {}),
      expiresAt: share.expiresAt.toISOString(),
    };
  }

  /** GET /api/shared/:token/audio: a presigned GET that dies with the link at the latest. */
  async audio(token: string, track: TrackName, visitor: ShareVisitor): Promise<AudioUrlResponse> {
    const share = await this.liveShare(token);
    const analysis = await this.analyses.findTracks(share.analysisId, [share.teamId]);
    if (!analysis) throw new NotFoundException(NO_SUCH_LINK);
    const untilExpirySec = Math.floor((share.expiresAt.getTime() - Date.now()) / 1000);
    const audio = await this.playback.presignTrack(
      analysis,
      track,
      Math.max(1, Math.min(AUDIO_URL_TTL_SEC, untilExpirySec)),
    );
    await this.record(share.id, track === 'mix' ? 'audio:mix' : 'audio:reference', visitor);
    return audio;
  }

  private async liveShare(token: string) {
    if (!SHARE_TOKEN_SHAPE.test(token)) throw new NotFoundException(NO_SUCH_LINK);
    const share = await this.db.share.findUnique({
      where: { tokenHash: digestToken(token) },
      select: {
        id: true,
        analysisId: true,
        includeComments: true,
        expiresAt: true,
        revokedAt: true,
        analysis: { select: { teamId: true } },
      },
    });
    if (!share || share.revokedAt || share.expiresAt <= new Date())
      throw new NotFoundException(NO_SUCH_LINK);
    return { ...share, teamId: share.analysis.teamId };
  }

  private async record(
    shareId: string,
    route: Parameters<typeof accessRecord>[1],
    visitor: ShareVisitor,
  ): Promise<void> {
    await this.db.shareAccess.create({
      data: accessRecord(shareId, route, visitor, this.config.auth.jwtSecret),
    });
  }

  /** 404 outside the caller's teams (or no such analysis), 403 when the role does not allow `action`. */
  private async requireTeamOf(
    auth: AuthContext,
    analysisId: string,
    action: 'share' | 'listen',
  ): Promise<void> {
    const teamId = await this.analyses.teamOf(analysisId);
    if (!teamId) throw new NotFoundException('Not found');
    await this.access.requireAction(auth, teamId, action);
  }
}

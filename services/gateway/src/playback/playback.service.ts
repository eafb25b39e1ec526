import { ConflictException, GoneException, Injectable, NotFoundException } from '@nestjs/common';
import {
  AUDIO_FORMATS,
  AUDIO_URL_TTL_SEC,
  type AudioUrlResponse,
  type TrackName,
  type WaveformDto,
} from '@mixscope/contracts';
import { AnalysisRepository, type AnalysisTracks, type TrackFile } from '@mixscope/pipeline';
import type { AuthContext } from '../auth/auth-context.ts';
import { StorageService } from '../infra/storage.service.ts';
import { TeamAccessService } from '../teams/team-access.service.ts';
import { inlineDisposition } from './inline-disposition.ts';

const AUDIO_GONE =
  'The audio of this track is no longer stored (deleted by the audio retention policy); its measurements remain';

/** The stored waveform levels of a track and presigned GETs of its original file, for the team's members. */
@Injectable()
export class PlaybackService {
  constructor(
    private readonly analyses: AnalysisRepository,
    private readonly storage: StorageService,
    private readonly access: TeamAccessService,
  ) {}

  async waveform(
    auth: AuthContext,
    analysisId: string,
    track: TrackName,
    detail: boolean,
  ): Promise<WaveformDto> {
    const analysis = await this.requireListener(auth, analysisId);
    trackFile(analysis, track);
    if (analysis.status !== 'completed')
      throw new ConflictException(
        `The analysis is ${analysis.status}; its waveform is there once it has completed`,
      );
    const waveform = await this.analyses.findWaveform(
      analysis.id,
      track,
      detail ? 'detail' : 'overview',
    );
    if (!waveform)
      throw new NotFoundException(
        `No waveform is stored for the ${track} of this analysis (it was measured before waveforms were kept)`,
      );
    return waveform;
  }

  async audioUrl(
    auth: AuthContext,
    analysisId: string,
    track: TrackName,
  ): Promise<AudioUrlResponse> {
    return this.presignTrack(await this.requireListener(auth, analysisId), track);
  }

  /** A presigned GET of a track's file living `ttlSec`, for a caller that has decided access; 410 once deleted. */
  async presignTrack(
    analysis: AnalysisTracks,
    track: TrackName,
    ttlSec = AUDIO_URL_TTL_SEC,
  ): Promise<AudioUrlResponse> {
    const file = trackFile(analysis, track);
    if (file.status === 'deleted' || (await this.storage.sizeOf(file.objectKey)) === null)
      throw new GoneException(AUDIO_GONE);
    const expiresAt = new Date(Date.now() + ttlSec * 1000);
    const url = await this.storage.presignGet(file.objectKey, ttlSec, {
      contentType: playbackContentType(file),
      contentDisposition: inlineDisposition(file.fileName),
    });
    return { url, expiresAt: expiresAt.toISOString() };
  }

  /** The analysis if the caller may listen to it; another team's answers 404. */
  private async requireListener(auth: AuthContext, analysisId: string): Promise<AnalysisTracks> {
    const analysis = await this.analyses.findTracks(analysisId, auth.teamIds);
    if (!analysis) throw new NotFoundException('Not found');
    await this.access.requireAction(auth, analysis.teamId, 'listen');
    return analysis;
  }
}

function trackFile(analysis: AnalysisTracks, track: TrackName): TrackFile {
  const file = analysis.files[track];
  if (!file) throw new NotFoundException('This analysis has no reference track');
  return file;
}

/** The content type of the container recognised at upload, not the one the client declared. */
function playbackContentType(file: TrackFile): string {
  const format = AUDIO_FORMATS.find((f) => f.container === file.container);
  return format?.contentTypes[0] ?? 'application/octet-stream';
}

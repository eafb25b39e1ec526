import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AudioUrlResponse, WaveformDto } from '@mixscope/contracts';
import { CurrentAuth, type AuthContext } from '../auth/auth-context.ts';
import { UuidParamPipe } from '../common/uuid-param.pipe.ts';
import { TrackQueryDto, WaveformQueryDto } from './playback.dto.ts';
import { PlaybackService } from './playback.service.ts';
import { ApiDoc } from '../common/api-doc.ts';
import { audioUrlResponseSchema, waveformDtoSchema } from '@mixscope/contracts';

@ApiTags('playback')
@ApiBearerAuth()
@Controller('analyses/:analysisId')
export class PlaybackController {
  constructor(private readonly playback: PlaybackService) {}

  @ApiDoc(
    "A track's waveform: the overview level, or the detail level with ?detail=1",
    200,
    waveformDtoSchema,
  )
  @Get('waveform')
  waveform(
    @CurrentAuth() auth: AuthContext,
    @Param('analysisId', UuidParamPipe) analysisId: string,
    @Query() query: WaveformQueryDto,
  ): Promise<WaveformDto> {
    return this.playback.waveform(auth, analysisId, query.track ?? 'mix', query.detail === '1');
  }

  @ApiDoc(
    "A presigned GET of a track's original file, for team members (410 once retention deleted it)",
    200,
    audioUrlResponseSchema,
  )
  @Get('audio')
  audio(
    @CurrentAuth() auth: AuthContext,
    @Param('analysisId', UuidParamPipe) analysisId: string,
    @Query() query: TrackQueryDto,
  ): Promise<AudioUrlResponse> {
    return this.playback.audioUrl(auth, analysisId, query.track ?? 'mix');
  }
}

import { Controller, Get, Headers, Ip, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth-context.ts';
import { RateLimit } from '../throttling/rate-limit.decorator.ts';
import { TrackQueryDto } from '../playback/playback.dto.ts';
import { SharesService } from './shares.service.ts';
import { ApiDoc } from '../common/api-doc.ts';
import { audioUrlResponseSchema, sharedAnalysisDtoSchema } from '@mixscope/contracts';

/** What a client link opens, without an account. */
@ApiTags('shared')
@Public()
@RateLimit('shared')
@Controller('shared/:token')
export class SharedController {
  constructor(private readonly shares: SharesService) {}

  @ApiDoc(
    'Open a client link without an account: the analysis, its report and waveform',
    200,
    sharedAnalysisDtoSchema,
  )
  @Get()
  read(
    @Param('token') token: string,
    @Ip() ip: string,
    @Headers('user-agent') userAgent: string | undefined,
  ) {
    return this.shares.read(token, { ip, userAgent });
  }

  @ApiDoc(
    "A presigned GET of the shared analysis' mix or reference (410 once retention deleted it)",
    200,
    audioUrlResponseSchema,
  )
  @Get('audio')
  audio(
    @Param('token') token: string,
    @Query() query: TrackQueryDto,
    @Ip() ip: string,
    @Headers('user-agent') userAgent: string | undefined,
  ) {
    return this.shares.audio(token, query.track ?? 'mix', { ip, userAgent });
  }
}

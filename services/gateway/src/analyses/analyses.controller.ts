import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentAuth, type AuthContext } from '../auth/auth-context.ts';
import { UuidParamPipe } from '../common/uuid-param.pipe.ts';
import { RateLimit } from '../throttling/rate-limit.decorator.ts';
import { BatchAnalysisDto, CreateAnalysisDto, ListAnalysesQueryDto } from './analysis.dto.ts';
import { AnalysesService } from './analyses.service.ts';
import { namesEtag } from './if-none-match.ts';
import { ApiDoc } from '../common/api-doc.ts';
import {
  analysisDtoSchema,
  analysisListResponseSchema,
  batchAnalysisResponseSchema,
  createAnalysisResponseSchema,
} from '@mixscope/contracts';

@ApiTags('analyses')
@ApiBearerAuth()
@Controller()
export class AnalysesController {
  constructor(private readonly analyses: AnalysesService) {}

  @RateLimit('analyses')
  @ApiDoc(
    'Start an analysis of an uploaded mix, with an optional reference',
    202,
    createAnalysisResponseSchema,
  )
  @Post('projects/:projectId/analyses')
  @HttpCode(202)
  create(
    @CurrentAuth() auth: AuthContext,
    @Param('projectId', UuidParamPipe) projectId: string,
    @Body() dto: CreateAnalysisDto,
  ) {
    return this.analyses.create(auth, projectId, dto);
  }

  /** Counted as one hit of the analyses limit, however many mixes it holds. */
  @RateLimit('analyses')
  @ApiDoc(
    'Start several analyses in one submission (an album), counted once by the analysis limit',
    202,
    batchAnalysisResponseSchema,
  )
  @Post('analyses/batch')
  @HttpCode(202)
  createBatch(@CurrentAuth() auth: AuthContext, @Body() dto: BatchAnalysisDto) {
    return this.analyses.createBatch(auth, dto);
  }

  @ApiDoc("List a project's analyses, newest revision first", 200, analysisListResponseSchema)
  @Get('projects/:projectId/analyses')
  list(
    @CurrentAuth() auth: AuthContext,
    @Param('projectId', UuidParamPipe) projectId: string,
    @Query() query: ListAnalysesQueryDto,
  ) {
    return this.analyses.list(auth, projectId, query.cursor, query.limit);
  }

  /**
   * Sent as stored text. Once the analysis has ended it carries an ETag, and a request whose
   * If-None-Match names it is answered 304 without a body, whatever its Cache-Control says (fetch()
   * adds `no-cache` to every request given an If-None-Match, which Express would take as a reload).
   */
  @ApiDoc('Read an analysis: its progress, result and written report', 200, analysisDtoSchema)
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag sent earlier' })
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag given in If-None-Match' })
  @Get('analyses/:analysisId')
  async get(
    @CurrentAuth() auth: AuthContext,
    @Param('analysisId', UuidParamPipe) analysisId: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const document = await this.analyses.get(auth, analysisId);
    if (document.etag) {
      response.setHeader('ETag', document.etag);
      if (namesEtag(ifNoneMatch, document.etag)) {
        response.status(304).end();
        return;
      }
    }
    response.type('application/json').send(document.json);
  }

  @ApiDoc('Delete an analysis, and the audio no other analysis uses', 204)
  @Delete('analyses/:analysisId')
  @HttpCode(204)
  async delete(
    @CurrentAuth() auth: AuthContext,
    @Param('analysisId', UuidParamPipe) analysisId: string,
  ): Promise<void> {
    await this.analyses.delete(auth, analysisId);
  }
}

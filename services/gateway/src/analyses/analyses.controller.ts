import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentAuth, type AuthContext } from '../auth/auth-context.ts';
import { UuidParamPipe } from '../common/uuid-param.pipe.ts';
import { RateLimit } from '../throttling/rate-limit.decorator.ts';
import { BatchAnalysisDto, CreateAnalysisDto, ListAnalysesQueryDto } from './analysis.dto.ts';
import { AnalysesService } from './analyses.service.ts';
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

  @ApiDoc('Read an analysis: its progress, result and written report', 200, analysisDtoSchema)
  @Get('analyses/:analysisId')
  get(@CurrentAuth() auth: AuthContext, @Param('analysisId', UuidParamPipe) analysisId: string) {
    return this.analyses.get(auth, analysisId);
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

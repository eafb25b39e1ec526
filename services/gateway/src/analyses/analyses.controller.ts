import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentAuth, type AuthContext } from '../auth/auth-context.ts';
import { UuidParamPipe } from '../common/uuid-param.pipe.ts';
import { RateLimit } from '../throttling/rate-limit.decorator.ts';
import { BatchAnalysisDto, CreateAnalysisDto, ListAnalysesQueryDto } from './analysis.dto.ts';
import { AnalysesService } from './analyses.service.ts';

@ApiTags('analyses')
@ApiBearerAuth()
@Controller()
export class AnalysesController {
  constructor(private readonly analyses: AnalysesService) {}

  @RateLimit('analyses')
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
  @Post('analyses/batch')
  @HttpCode(202)
  createBatch(@CurrentAuth() auth: AuthContext, @Body() dto: BatchAnalysisDto) {
    return this.analyses.createBatch(auth, dto);
  }

  @Get('projects/:projectId/analyses')
  list(
    @CurrentAuth() auth: AuthContext,
    @Param('projectId', UuidParamPipe) projectId: string,
    @Query() query: ListAnalysesQueryDto,
  ) {
    return this.analyses.list(auth, projectId, query.cursor, query.limit);
  }

  @Get('analyses/:analysisId')
  get(@CurrentAuth() auth: AuthContext, @Param('analysisId', UuidParamPipe) analysisId: string) {
    return this.analyses.get(auth, analysisId);
  }

  @Delete('analyses/:analysisId')
  @HttpCode(204)
  async delete(
    @CurrentAuth() auth: AuthContext,
    @Param('analysisId', UuidParamPipe) analysisId: string,
  ): Promise<void> {
    await this.analyses.delete(auth, analysisId);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentAuth, type AuthContext } from '../auth/auth-context.ts';
import { UuidParamPipe } from '../common/uuid-param.pipe.ts';
import { CreateShareDto } from './share.dto.ts';
import { SharesService } from './shares.service.ts';
import { ApiDoc } from '../common/api-doc.ts';
import { shareCreatedResponseSchema, shareDtoSchema } from '@mixscope/contracts';

@ApiTags('shares')
@ApiBearerAuth()
@Controller()
export class SharesController {
  constructor(private readonly shares: SharesService) {}

  @ApiDoc(
    'Create a client link to an analysis (its token is shown once)',
    201,
    shareCreatedResponseSchema,
  )
  @Post('analyses/:analysisId/shares')
  create(
    @CurrentAuth() auth: AuthContext,
    @Param('analysisId', UuidParamPipe) analysisId: string,
    @Body() dto: CreateShareDto,
  ) {
    return this.shares.create(auth, analysisId, dto);
  }

  @ApiDoc("List an analysis' client links with their last access and access count", 200, [
    shareDtoSchema,
  ])
  @Get('analyses/:analysisId/shares')
  list(@CurrentAuth() auth: AuthContext, @Param('analysisId', UuidParamPipe) analysisId: string) {
    return this.shares.list(auth, analysisId);
  }

  @ApiDoc('Revoke a client link: both public routes answer 404 afterwards', 204)
  @Delete('shares/:shareId')
  @HttpCode(204)
  async revoke(
    @CurrentAuth() auth: AuthContext,
    @Param('shareId', UuidParamPipe) shareId: string,
  ): Promise<void> {
    await this.shares.revoke(auth, shareId);
  }
}

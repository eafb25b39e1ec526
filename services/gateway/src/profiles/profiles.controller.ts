import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { targetProfileDtoSchema } from '@mixscope/contracts';
import { CurrentAuth, type AuthContext } from '../auth/auth-context.ts';
import { ApiDoc } from '../common/api-doc.ts';
import { UuidParamPipe } from '../common/uuid-param.pipe.ts';
import { CreateTargetProfileDto } from './profile.dto.ts';
import { ProfilesService } from './profiles.service.ts';

@ApiTags('profiles')
@ApiBearerAuth()
@Controller()
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @ApiDoc(
    'Build a named target profile from completed analyses of the team (roles that may manage profiles)',
    201,
    targetProfileDtoSchema,
  )
  @Post('teams/:teamId/profiles')
  create(
    @CurrentAuth() auth: AuthContext,
    @Param('teamId', UuidParamPipe) teamId: string,
    @Body() dto: CreateTargetProfileDto,
  ) {
    return this.profiles.create(auth, teamId, dto);
  }

  @ApiDoc("The team's target profiles, newest first (any member)", 200, [targetProfileDtoSchema])
  @Get('teams/:teamId/profiles')
  list(@CurrentAuth() auth: AuthContext, @Param('teamId', UuidParamPipe) teamId: string) {
    return this.profiles.list(auth, teamId);
  }

  @ApiDoc('One target profile with its ranges, means and spreads', 200, targetProfileDtoSchema)
  @Get('profiles/:profileId')
  get(@CurrentAuth() auth: AuthContext, @Param('profileId', UuidParamPipe) profileId: string) {
    return this.profiles.get(auth, profileId);
  }

  @ApiDoc('Delete a target profile; analyses judged against it keep their copy', 204)
  @Delete('profiles/:profileId')
  @HttpCode(204)
  async delete(
    @CurrentAuth() auth: AuthContext,
    @Param('profileId', UuidParamPipe) profileId: string,
  ): Promise<void> {
    await this.profiles.delete(auth, profileId);
  }
}

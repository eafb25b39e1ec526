import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentAuth, type AuthContext } from '../auth/auth-context.ts';
import { UuidParamPipe } from '../common/uuid-param.pipe.ts';
import { RateLimit } from '../throttling/rate-limit.decorator.ts';
import { CreateInviteDto } from './team.dto.ts';
import { TeamsService } from './teams.service.ts';
import { ApiDoc } from '../common/api-doc.ts';
import { acceptInviteResponseSchema, inviteResponseSchema } from '@mixscope/contracts';

@ApiTags('teams')
@ApiBearerAuth()
@Controller()
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @ApiDoc('Invite someone to the team (the token is shown once)', 201, inviteResponseSchema)
  @Post('teams/:teamId/invites')
  invite(
    @CurrentAuth() auth: AuthContext,
    @Param('teamId', UuidParamPipe) teamId: string,
    @Body() dto: CreateInviteDto,
  ) {
    return this.teams.invite(auth, teamId, dto);
  }

  @RateLimit('auth')
  @ApiDoc('Accept an invitation as the invited account', 200, acceptInviteResponseSchema)
  @Post('invites/:token/accept')
  @HttpCode(200)
  accept(@CurrentAuth() auth: AuthContext, @Param('token') token: string) {
    return this.teams.accept(auth, token);
  }

  /** An owner removes a member, or a member leaves (their own id). */
  @ApiDoc('Remove a member from the team', 204)
  @Delete('teams/:teamId/members/:userId')
  @HttpCode(204)
  async removeMember(
    @CurrentAuth() auth: AuthContext,
    @Param('teamId', UuidParamPipe) teamId: string,
    @Param('userId', UuidParamPipe) userId: string,
  ): Promise<void> {
    await this.teams.removeMember(auth, teamId, userId);
  }
}

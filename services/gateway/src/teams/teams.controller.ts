import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  acceptInviteResponseSchema,
  inviteResponseSchema,
  memberDtoSchema,
  pendingInviteDtoSchema,
} from '@mixscope/contracts';
import { ApiDoc } from '../common/api-doc.ts';
import { CurrentAuth, type AuthContext } from '../auth/auth-context.ts';
import { UuidParamPipe } from '../common/uuid-param.pipe.ts';
import { RateLimit } from '../throttling/rate-limit.decorator.ts';
import { CreateInviteDto, UpdateMemberDto } from './team.dto.ts';
import { TeamsService } from './teams.service.ts';

@ApiTags('teams')
@ApiBearerAuth()
@Controller()
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @ApiDoc('Invite someone by email (owner or admin)', 201, inviteResponseSchema)
  @Post('teams/:teamId/invites')
  invite(
    @CurrentAuth() auth: AuthContext,
    @Param('teamId', UuidParamPipe) teamId: string,
    @Body() dto: CreateInviteDto,
  ) {
    return this.teams.invite(auth, teamId, dto);
  }

  @ApiDoc('Pending invitations: not accepted, revoked or expired (owner or admin)', 200, [
    pendingInviteDtoSchema,
  ])
  @Get('teams/:teamId/invites')
  listInvites(@CurrentAuth() auth: AuthContext, @Param('teamId', UuidParamPipe) teamId: string) {
    return this.teams.listInvites(auth, teamId);
  }

  @ApiDoc('Revoke a pending invitation; its link is refused afterwards', 204)
  @Delete('teams/:teamId/invites/:inviteId')
  @HttpCode(204)
  async revokeInvite(
    @CurrentAuth() auth: AuthContext,
    @Param('teamId', UuidParamPipe) teamId: string,
    @Param('inviteId', UuidParamPipe) inviteId: string,
  ): Promise<void> {
    await this.teams.revokeInvite(auth, teamId, inviteId);
  }

  @ApiDoc('Accept an invitation sent to your email address', 200, acceptInviteResponseSchema)
  @RateLimit('auth')
  @Post('invites/:token/accept')
  @HttpCode(200)
  accept(@CurrentAuth() auth: AuthContext, @Param('token') token: string) {
    return this.teams.accept(auth, token);
  }

  @ApiDoc("The team's members and their roles", 200, [memberDtoSchema])
  @Get('teams/:teamId/members')
  listMembers(@CurrentAuth() auth: AuthContext, @Param('teamId', UuidParamPipe) teamId: string) {
    return this.teams.listMembers(auth, teamId);
  }

  @ApiDoc(
    "Change a member's role (owner or admin; only an owner touches owners)",
    200,
    memberDtoSchema,
  )
  @Patch('teams/:teamId/members/:userId')
  updateMember(
    @CurrentAuth() auth: AuthContext,
    @Param('teamId', UuidParamPipe) teamId: string,
    @Param('userId', UuidParamPipe) userId: string,
    @Body() dto: UpdateMemberDto,
  ) {
    return this.teams.updateRole(auth, teamId, userId, dto.role);
  }

  @ApiDoc('Remove a member (owner or admin), or leave the team (your own id)', 204)
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

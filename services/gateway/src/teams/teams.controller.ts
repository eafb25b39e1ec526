import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
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

  @ApiOperation({ summary: 'Invite someone by email (owner or admin)' })
  @Post('teams/:teamId/invites')
  invite(
    @CurrentAuth() auth: AuthContext,
    @Param('teamId', UuidParamPipe) teamId: string,
    @Body() dto: CreateInviteDto,
  ) {
    return this.teams.invite(auth, teamId, dto);
  }

  @ApiOperation({
    summary: 'Pending invitations: not accepted, revoked or expired (owner or admin)',
  })
  @Get('teams/:teamId/invites')
  listInvites(@CurrentAuth() auth: AuthContext, @Param('teamId', UuidParamPipe) teamId: string) {
    return this.teams.listInvites(auth, teamId);
  }

  @ApiOperation({ summary: 'Revoke a pending invitation; its link is refused afterwards' })
  @Delete('teams/:teamId/invites/:inviteId')
  @HttpCode(204)
  async revokeInvite(
    @CurrentAuth() auth: AuthContext,
    @Param('teamId', UuidParamPipe) teamId: string,
    @Param('inviteId', UuidParamPipe) inviteId: string,
  ): Promise<void> {
    await this.teams.revokeInvite(auth, teamId, inviteId);
  }

  @ApiOperation({ summary: 'Accept an invitation sent to your email address' })
  @RateLimit('auth')
  @Post('invites/:token/accept')
  @HttpCode(200)
  accept(@CurrentAuth() auth: AuthContext, @Param('token') token: string) {
    return this.teams.accept(auth, token);
  }

  @ApiOperation({ summary: "The team's members and their roles" })
  @Get('teams/:teamId/members')
  listMembers(@CurrentAuth() auth: AuthContext, @Param('teamId', UuidParamPipe) teamId: string) {
    return this.teams.listMembers(auth, teamId);
  }

  @ApiOperation({
    summary: "Change a member's role (owner or admin; only an owner touches owners)",
  })
  @Patch('teams/:teamId/members/:userId')
  updateMember(
    @CurrentAuth() auth: AuthContext,
    @Param('teamId', UuidParamPipe) teamId: string,
    @Param('userId', UuidParamPipe) userId: string,
    @Body() dto: UpdateMemberDto,
  ) {
    return this.teams.updateRole(auth, teamId, userId, dto.role);
  }

  @ApiOperation({ summary: 'Remove a member (owner or admin), or leave the team (your own id)' })
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

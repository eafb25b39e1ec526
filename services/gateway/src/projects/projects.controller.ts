import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentAuth, type AuthContext } from '../auth/auth-context.ts';
import { UuidParamPipe } from '../common/uuid-param.pipe.ts';
import { CreateProjectDto } from './project.dto.ts';
import { ProjectsService } from './projects.service.ts';

@ApiTags('projects')
@ApiBearerAuth()
@Controller()
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post('teams/:teamId/projects')
  create(
    @CurrentAuth() auth: AuthContext,
    @Param('teamId', UuidParamPipe) teamId: string,
    @Body() dto: CreateProjectDto,
  ) {
    return this.projects.create(auth, teamId, dto);
  }

  @Get('teams/:teamId/projects')
  list(@CurrentAuth() auth: AuthContext, @Param('teamId', UuidParamPipe) teamId: string) {
    return this.projects.list(auth, teamId);
  }

  @Get('projects/:projectId')
  get(@CurrentAuth() auth: AuthContext, @Param('projectId', UuidParamPipe) projectId: string) {
    return this.projects.get(auth, projectId);
  }
}

import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentAuth, type AuthContext } from '../auth/auth-context.ts';
import { UuidParamPipe } from '../common/uuid-param.pipe.ts';
import { CreateProjectDto } from './project.dto.ts';
import { ProjectsService } from './projects.service.ts';
import { ApiDoc } from '../common/api-doc.ts';
import { projectDtoSchema } from '@mixscope/contracts';

@ApiTags('projects')
@ApiBearerAuth()
@Controller()
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @ApiDoc('Create a project in a team', 201, projectDtoSchema)
  @Post('teams/:teamId/projects')
  create(
    @CurrentAuth() auth: AuthContext,
    @Param('teamId', UuidParamPipe) teamId: string,
    @Body() dto: CreateProjectDto,
  ) {
    return this.projects.create(auth, teamId, dto);
  }

  @ApiDoc("List a team's projects, newest first", 200, [projectDtoSchema])
  @Get('teams/:teamId/projects')
  list(@CurrentAuth() auth: AuthContext, @Param('teamId', UuidParamPipe) teamId: string) {
    return this.projects.list(auth, teamId);
  }

  @ApiDoc('Read a project', 200, projectDtoSchema)
  @Get('projects/:projectId')
  get(@CurrentAuth() auth: AuthContext, @Param('projectId', UuidParamPipe) projectId: string) {
    return this.projects.get(auth, projectId);
  }
}

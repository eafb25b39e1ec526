import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { ProjectDto } from '@mixscope/contracts';
import type { AuthContext } from '../auth/auth-context.ts';
import { toProjectDto } from '../common/dto-mappers.ts';
import { DATABASE, type Database } from '@mixscope/service-kit';
import { TeamAccessService } from '../teams/team-access.service.ts';
import type { CreateProjectDto } from './project.dto.ts';

@Injectable()
export class ProjectsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly access: TeamAccessService,
  ) {}

  async create(auth: AuthContext, teamId: string, dto: CreateProjectDto): Promise<ProjectDto> {
    await this.access.requireAction(auth, teamId, 'analyse');
    const project = await this.db.project.create({ data: { teamId, name: dto.name.trim() } });
    return toProjectDto(project);
  }

  async list(auth: AuthContext, teamId: string): Promise<ProjectDto[]> {
    this.access.requireMember(auth, teamId);
    const projects = await this.db.project.findMany({
      where: { teamId },
      orderBy: { createdAt: 'desc' },
    });
    return projects.map(toProjectDto);
  }

  /** The project if it belongs to one of the caller's teams; 404 otherwise. */
  async require(auth: AuthContext, projectId: string) {
    const project = await this.db.project.findFirst({
      where: { id: projectId, ...this.access.scope(auth) },
    });
    if (!project) throw new NotFoundException('Not found');
    return project;
  }

  async get(auth: AuthContext, projectId: string): Promise<ProjectDto> {
    return toProjectDto(await this.require(auth, projectId));
  }
}

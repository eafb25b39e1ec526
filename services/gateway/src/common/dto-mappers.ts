import type { ProjectDto, TeamDto, TeamRole, UploadDto, UserDto } from '@mixscope/contracts';

export function toUserDto(user: {
  id: string;
  email: string;
  name: string;
  createdAt: Date;
}): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    createdAt: user.createdAt.toISOString(),
  };
}

export function toTeamDto(team: { id: string; name: string }, role: TeamRole): TeamDto {
  return { id: team.id, name: team.name, role };
}

export function toProjectDto(project: {
  id: string;
  teamId: string;
  name: string;
  createdAt: Date;
}): ProjectDto {
  return {
    id: project.id,
    teamId: project.teamId,
    name: project.name,
    createdAt: project.createdAt.toISOString(),
  };
}

export function toUploadDto(upload: {
  id: string;
  projectId: string;
  fileName: string;
  contentType: string;
  declaredSizeBytes: number;
  sizeBytes: number | null;
  status: UploadDto['status'];
  container: string | null;
  createdAt: Date;
  completedAt: Date | null;
}): UploadDto {
  return {
    id: upload.id,
    projectId: upload.projectId,
    fileName: upload.fileName,
    contentType: upload.contentType,
    sizeBytes: upload.sizeBytes ?? upload.declaredSizeBytes,
    status: upload.status,
    container: upload.container,
    createdAt: upload.createdAt.toISOString(),
    completedAt: upload.completedAt?.toISOString() ?? null,
  };
}

import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import {
  TARGET_PROFILES_MAX_PER_TEAM,
  targetProfileSchema,
  type TargetProfile,
  type TargetProfileDto,
} from '@mixscope/contracts';
import { buildTargetProfile, FeedbackError } from '@mixscope/feedback';
import { AnalysisRepository } from '@mixscope/pipeline';
import { DATABASE, type Database } from '@mixscope/service-kit';
import type { AuthContext } from '../auth/auth-context.ts';
import { isUniqueViolation } from '../common/prisma-errors.ts';
import { TeamAccessService } from '../teams/team-access.service.ts';
import type { CreateTargetProfileDto } from './profile.dto.ts';

const WITH_CREATOR = { createdBy: { select: { id: true, name: true } } } as const;

interface ProfileRow {
  id: string;
  teamId: string;
  name: string;
  createdAt: Date;
  sourceAnalysisIds: string[];
  profile: unknown;
  createdBy: { id: string; name: string };
}

/**
 * A team's target profiles: built from its own completed analyses, listed by any member, made
 * and deleted by roles that may manage them. Another team's profile answers 404, like anything
 * outside the caller's teams.
 */
@Injectable()
export class ProfilesService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly analyses: AnalysisRepository,
    private readonly access: TeamAccessService,
  ) {}

  async create(
    auth: AuthContext,
    teamId: string,
    dto: CreateTargetProfileDto,
  ): Promise<TargetProfileDto> {
    await this.access.requireAction(auth, teamId, 'manageProfiles');
    if ((await this.db.targetProfile.count({ where: { teamId } })) >= TARGET_PROFILES_MAX_PER_TEAM)
      throw new ConflictException(
        `A team keeps at most ${TARGET_PROFILES_MAX_PER_TEAM} target profiles; delete some first`,
      );
    const found = await this.analyses.findMixResults(dto.analysisIds, teamId);
    const foundIds = new Set(found.map((analysis) => analysis.analysisId));
    const unknown = dto.analysisIds.findIndex((id) => !foundIds.has(id));
    if (unknown >= 0) {
      throw new BadRequestException(
        `analysisIds[${unknown}]: ${dto.analysisIds[unknown]} is not an analysis of this team`,
      );
    }
    const unfinished = found.find((analysis) => analysis.result === null);
    if (unfinished) {
      throw new ConflictException(
        `analysis ${unfinished.analysisId} is ${unfinished.status}; a profile is built from completed analyses only`,
      );
    }
    let profile: TargetProfile;
    try {
      profile = buildTargetProfile(
        found.map(({ result }) => ({ label: result!.file.name, result: result! })),
        { name: dto.name },
      );
    } catch (error) {
      if (error instanceof FeedbackError) throw new BadRequestException(error.message);
      throw error;
    }
    try {
      // The document carries its row's id, so a report names the profile it was judged against.
      const id = randomUUID();
      const row = await this.db.targetProfile.create({
        data: {
          id,
          teamId,
          name: dto.name,
          createdById: auth.userId,
          sourceAnalysisIds: dto.analysisIds,
          profile: { ...profile, id },
        },
        include: WITH_CREATOR,
      });
      return toDto(row);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictException(`The team already has a profile named "${dto.name}"`);
      throw error;
    }
  }

  async list(auth: AuthContext, teamId: string): Promise<TargetProfileDto[]> {
    await this.access.requireAction(auth, teamId, 'listen');
    const rows = await this.db.targetProfile.findMany({
      where: { teamId },
      orderBy: { createdAt: 'desc' },
      include: WITH_CREATOR,
    });
    return rows.map(toDto);
  }

  async get(auth: AuthContext, profileId: string): Promise<TargetProfileDto> {
    const row = await this.findInTeams(auth, profileId);
    if (!row) throw new NotFoundException('Not found');
    await this.access.requireAction(auth, row.teamId, 'listen');
    return toDto(row);
  }

  async delete(auth: AuthContext, profileId: string): Promise<void> {
    const row = await this.findInTeams(auth, profileId);
    if (!row) throw new NotFoundException('Not found');
    await this.access.requireAction(auth, row.teamId, 'manageProfiles');
    // Analyses keep their copy of the profile; only their link to it is cleared.
    await this.db.targetProfile.delete({ where: { id: row.id } });
  }

  /**
   * The profile an analysis of `teamId` is to be judged against: 404 with a message when the id
   * is no profile of that team (another team's answers the same as one that does not exist).
   */
  async requireForAnalysis(profileId: string, teamId: string): Promise<TargetProfile> {
    const row = await this.db.targetProfile.findFirst({ where: { id: profileId, teamId } });
    if (!row) {
      throw new NotFoundException(`profileId ${profileId} is not a target profile of this team`);
    }
    return targetProfileSchema.parse(row.profile);
  }

  private findInTeams(auth: AuthContext, profileId: string) {
    return this.db.targetProfile.findFirst({
      where: { id: profileId, ...this.access.scope(auth) },
      include: WITH_CREATOR,
    });
  }
}

function toDto(row: ProfileRow): TargetProfileDto {
  return {
    id: row.id,
    teamId: row.teamId,
    name: row.name,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    sourceAnalysisIds: row.sourceAnalysisIds,
    profile: targetProfileSchema.parse(row.profile),
  };
}

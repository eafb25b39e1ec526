import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TEAM_ROLES, type TeamRole } from '@mixscope/contracts';
import { IsEmail, IsIn, IsOptional, MaxLength } from 'class-validator';

const ROLE_MESSAGE = `role must be one of: ${TEAM_ROLES.join(', ')}`;

export class CreateInviteDto {
  @ApiProperty({ example: 'sam@studio.example' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({
    enum: TEAM_ROLES,
    default: 'member',
    description: 'An admin may invite admins, members and viewers; only an owner invites owners',
  })
  @IsOptional()
  @IsIn(TEAM_ROLES, { message: ROLE_MESSAGE })
  role?: TeamRole;
}

export class UpdateMemberDto {
  @ApiProperty({ enum: TEAM_ROLES })
  @IsIn(TEAM_ROLES, { message: ROLE_MESSAGE })
  role!: TeamRole;
}

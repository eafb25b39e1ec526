import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SHARE_MAX_HOURS } from '@mixscope/contracts';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

const HOURS_MESSAGE = `expiresInHours must be a whole number from 1 to ${SHARE_MAX_HOURS}`;

export class CreateShareDto {
  @ApiProperty({ minimum: 1, maximum: SHARE_MAX_HOURS, example: 72 })
  @IsInt({ message: HOURS_MESSAGE })
  @Min(1, { message: HOURS_MESSAGE })
  @Max(SHARE_MAX_HOURS, { message: HOURS_MESSAGE })
  expiresInHours!: number;

  @ApiPropertyOptional({
    default: false,
    description: "Whether the link shows the team's comments",
  })
  @IsOptional()
  @IsBoolean({ message: 'includeComments must be true or false' })
  includeComments?: boolean;
}

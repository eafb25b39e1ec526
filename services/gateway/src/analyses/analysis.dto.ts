import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BATCH_MAX_MIXES, GENRE_IDS, PLATFORM_IDS } from '@mixscope/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

// The allowed values are the contract's tables: a genre or platform added there is accepted here.
const GENRE_MESSAGE = `genre must be one of: ${GENRE_IDS.join(', ')}`;
const TARGET_MESSAGE = `each target must be one of: ${PLATFORM_IDS.join(', ')}`;

export class CreateAnalysisDto {
  @ApiProperty({ format: 'uuid', description: 'A completed upload of the mix' })
  @IsUUID()
  uploadId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A completed upload of a reference mix' })
  @IsOptional()
  @IsUUID()
  referenceUploadId?: string;

  @ApiPropertyOptional({
    enum: GENRE_IDS,
    example: 'electronic',
    description: 'Genre profile id; auto (the default) picks one from the measurements',
  })
  @IsOptional()
  @IsIn(GENRE_IDS, { message: GENRE_MESSAGE })
  genre?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "A target profile of the project's team (GET /api/teams/:teamId/profiles) to judge against instead of a genre",
  })
  @IsOptional()
  @IsUUID('all', { message: 'profileId must be a UUID' })
  profileId?: string;

  @ApiPropertyOptional({
    enum: PLATFORM_IDS,
    isArray: true,
    example: ['spotify', 'apple-music'],
    description: 'Target platform ids; none means every platform',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(PLATFORM_IDS, { each: true, message: TARGET_MESSAGE })
  targets?: string[];

  @ApiPropertyOptional({ example: 'Mix v3, vocals up 1 dB' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;
}

export class BatchAnalysisItemDto extends CreateAnalysisDto {
  @ApiProperty({ format: 'uuid', description: 'The project this mix becomes a revision of' })
  @IsUUID()
  projectId!: string;
}

export class BatchAnalysisDto {
  @ApiProperty({ type: [BatchAnalysisItemDto], minItems: 1, maxItems: BATCH_MAX_MIXES })
  @IsArray()
  @ArrayMinSize(1, { message: 'items must hold at least one mix' })
  @ArrayMaxSize(BATCH_MAX_MIXES, {
    message: `a batch holds at most ${BATCH_MAX_MIXES} mixes`,
  })
  @ValidateNested({ each: true })
  @Type(() => BatchAnalysisItemDto)
  items!: BatchAnalysisItemDto[];
}

export class ListAnalysesQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'cursor must be a nextCursor value' })
  @Min(1, { message: 'cursor must be a nextCursor value' })
  // Revisions are 32-bit integers in the database.
  @Max(2_147_483_647, { message: 'cursor must be a nextCursor value' })
  cursor?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

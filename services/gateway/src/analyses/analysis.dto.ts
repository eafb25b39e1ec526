import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/;

export class CreateAnalysisDto {
  @ApiProperty({ format: 'uuid', description: 'A completed upload of the mix' })
  @IsUUID()
  uploadId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A completed upload of a reference mix' })
  @IsOptional()
  @IsUUID()
  referenceUploadId?: string;

  @ApiPropertyOptional({ example: 'edm', description: 'Genre profile id' })
  @IsOptional()
  @IsString()
  @Matches(SLUG, { message: 'genre must be a lower-case id such as "edm" or "hip-hop"' })
  genre?: string;

  @ApiPropertyOptional({ example: ['spotify', 'apple-music'], description: 'Target platform ids' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(SLUG, { each: true, message: 'each target must be a lower-case platform id' })
  targets?: string[];

  @ApiPropertyOptional({ example: 'Mix v3, vocals up 1 dB' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;
}

export class ListAnalysesQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,9}$/, { message: 'cursor must be a nextCursor value' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

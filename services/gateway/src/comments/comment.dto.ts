import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMMENT_BODY_MAX_CHARS } from '@mixscope/contracts';
import { IsBoolean, IsNumber, IsOptional, IsUUID, Min } from 'class-validator';
import { NameField } from '../common/name-field.decorator.ts';

const SECONDS = { allowNaN: false, allowInfinity: false } as const;

export class CreateCommentDto {
  @ApiProperty({ minLength: 1, maxLength: COMMENT_BODY_MAX_CHARS, example: 'Vocal too loud here' })
  @NameField(COMMENT_BODY_MAX_CHARS)
  body!: string;

  @ApiProperty({ minimum: 0, description: 'Where in the mix, in seconds; at most its duration' })
  @IsNumber(SECONDS, { message: 'atSec must be a number of seconds' })
  @Min(0, { message: 'atSec must not be negative' })
  atSec!: number;

  @ApiPropertyOptional({ description: 'End of a time range, after atSec and within the duration' })
  @IsOptional()
  @IsNumber(SECONDS, { message: 'endSec must be a number of seconds' })
  endSec?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The comment this replies to; a reply to a reply joins the same thread',
  })
  @IsOptional()
  @IsUUID(undefined, { message: 'parentId must be the id of a comment' })
  parentId?: string;
}

export class UpdateCommentDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: COMMENT_BODY_MAX_CHARS })
  @IsOptional()
  @NameField(COMMENT_BODY_MAX_CHARS)
  body?: string;

  @ApiPropertyOptional({ description: 'true resolves the comment, false reopens it' })
  @IsOptional()
  @IsBoolean({ message: 'resolved must be true or false' })
  resolved?: boolean;
}

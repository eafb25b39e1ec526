import { ApiProperty } from '@nestjs/swagger';
import { TARGET_PROFILE_MAX_REFERENCES, TARGET_PROFILE_MIN_REFERENCES } from '@mixscope/contracts';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';
import { NameField } from '../common/name-field.decorator.ts';

const COUNT_MESSAGE = `analysisIds must list ${TARGET_PROFILE_MIN_REFERENCES} to ${TARGET_PROFILE_MAX_REFERENCES} analyses`;

export class CreateTargetProfileDto {
  @ApiProperty({ example: 'Club references 2026', maxLength: 80 })
  @NameField(80)
  name!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: TARGET_PROFILE_MIN_REFERENCES,
    maxItems: TARGET_PROFILE_MAX_REFERENCES,
    description: "Completed analyses of the team; each one's mix result is a reference",
  })
  @IsArray({ message: COUNT_MESSAGE })
  @ArrayMinSize(TARGET_PROFILE_MIN_REFERENCES, { message: COUNT_MESSAGE })
  @ArrayMaxSize(TARGET_PROFILE_MAX_REFERENCES, { message: COUNT_MESSAGE })
  @ArrayUnique({ message: 'analysisIds must not repeat an analysis' })
  @IsUUID('all', { each: true, message: 'each of analysisIds must be a UUID' })
  analysisIds!: string[];
}

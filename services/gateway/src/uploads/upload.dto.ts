import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { NameField } from '../common/name-field.decorator.ts';

export class CreateUploadDto {
  @ApiProperty({ example: 'mix-v3.wav' })
  @NameField(255)
  fileName!: string;

  @ApiProperty({ example: 41_234_567, description: 'Exact size of the file in bytes' })
  @IsInt()
  @Min(1)
  sizeBytes!: number;

  @ApiProperty({ example: 'audio/wav' })
  @IsString()
  @MaxLength(100)
  contentType!: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CreateProjectDto {
  @ApiProperty({ example: 'Second album' })
  @IsString()
  @Length(1, 200)
  name!: string;
}

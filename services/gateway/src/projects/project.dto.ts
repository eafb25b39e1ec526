import { ApiProperty } from '@nestjs/swagger';
import { NameField } from '../common/name-field.decorator.ts';

export class CreateProjectDto {
  @ApiProperty({ example: 'Second album' })
  @NameField(200)
  name!: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, MaxLength } from 'class-validator';

export class CreateInviteDto {
  @ApiProperty({ example: 'sam@studio.example' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ enum: ['owner', 'member'], default: 'member' })
  @IsOptional()
  @IsIn(['owner', 'member'])
  role?: 'owner' | 'member';
}

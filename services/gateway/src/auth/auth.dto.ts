import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@mixscope/contracts';
import {
  IsEmail,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsAcceptablePassword } from './password-policy.ts';
import { NameField } from '../common/name-field.decorator.ts';

export class SignupDto {
  @ApiProperty({ example: 'ada@studio.example' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @IsAcceptablePassword()
  password!: string;

  @ApiProperty({ example: 'Ada' })
  @NameField(100)
  name!: string;

  @ApiPropertyOptional({
    example: 'Night Owl Studio',
    description: 'The new team; required unless inviteToken is given',
  })
  @ValidateIf((dto: SignupDto) => dto.inviteToken === undefined || dto.teamName !== undefined)
  @NameField(100)
  teamName?: string;

  @ApiPropertyOptional({
    description:
      'The token of an invitation to this email address: the account joins that team and gets no team of its own',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  inviteToken?: string;
}

export class VerifySignupDto {
  @ApiProperty({ description: 'The token from the link mailed at sign-up' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token!: string;
}

export class LoginDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class CreateApiTokenDto {
  @ApiProperty({ example: 'laptop CLI' })
  @NameField(100)
  name!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 365 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  expiresInDays?: number;
}

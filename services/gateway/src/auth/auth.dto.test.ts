import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@mixscope/contracts';
import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { SignupDto } from './auth.dto.ts';

// As main.ts configures it for every request body.
const pipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });

async function refusals(password: string): Promise<string[]> {
  const body = { email: 'ada@studio.test', password, name: 'Ada', teamName: 'Ada' };
  try {
    await pipe.transform(body, { type: 'body', metatype: SignupDto });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return ((error as BadRequestException).getResponse() as { message: string[] }).message;
  }
}

describe('SignupDto password length', () => {
  // The web form's minLength is the same constant, so the browser and the server agree.
  it(`takes ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`, async () => {
    const mixed = (length: number) => 'k7#Vq2'.repeat(40).slice(0, length);
    expect(await refusals(mixed(PASSWORD_MIN_LENGTH))).toEqual([]);
    expect(await refusals(mixed(PASSWORD_MIN_LENGTH - 1))).toEqual([
      `password must be longer than or equal to ${PASSWORD_MIN_LENGTH} characters`,
    ]);
    expect(await refusals(mixed(PASSWORD_MAX_LENGTH))).toEqual([]);
    expect(await refusals(mixed(PASSWORD_MAX_LENGTH) + 'x')).toEqual([
      `password must be shorter than or equal to ${PASSWORD_MAX_LENGTH} characters`,
    ]);
  });
});

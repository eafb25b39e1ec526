import { GENRE_IDS, PLATFORM_IDS } from '@mixscope/contracts';
import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { CreateAnalysisDto } from './analysis.dto.ts';

// As main.ts configures it for every request body.
const pipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
const UPLOAD = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

/** The 400 messages the API answers a POST /projects/:id/analyses body with, or [] when accepted. */
async function refusals(body: Record<string, unknown>): Promise<string[]> {
  try {
    await pipe.transform(body, { type: 'body', metatype: CreateAnalysisDto });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    const response = (error as BadRequestException).getResponse() as { message: string[] };
    return response.message;
  }
}

describe('CreateAnalysisDto', () => {
  it('accepts every genre and platform of the contract tables, auto included', async () => {
    for (const genre of GENRE_IDS) expect(await refusals({ uploadId: UPLOAD, genre })).toEqual([]);
    expect(await refusals({ uploadId: UPLOAD, targets: [...PLATFORM_IDS] })).toEqual([]);
    expect(await refusals({ uploadId: UPLOAD })).toEqual([]);
  });

  it('refuses an unknown genre, listing the valid ones', async () => {
    const messages = await refusals({ uploadId: UPLOAD, genre: 'polka' });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toBe(`genre must be one of: ${GENRE_IDS.join(', ')}`);
    expect(messages[0]).toContain('auto, pop, rock');
  });

  it('refuses an unknown target platform, listing the valid ones', async () => {
    const messages = await refusals({ uploadId: UPLOAD, targets: ['spotify', 'myspace'] });
    expect(messages).toEqual([`each target must be one of: ${PLATFORM_IDS.join(', ')}`]);
    expect(messages[0]).toContain('spotify, youtube, apple-music');
  });

  it('refuses targets that are not a list', async () => {
    expect(await refusals({ uploadId: UPLOAD, targets: 'spotify' })).toContain(
      'targets must be an array',
    );
  });
});

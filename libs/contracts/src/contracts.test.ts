import { describe, expect, it } from 'vitest';
import { analyzeTrackPayloadSchema, trackProgressSchema } from './job-payloads.ts';
import { redisConnectionFields } from './service-env.ts';

const ID = '3f2a6c1e-9b7d-4e2f-8a1c-5d6e7f8a9b0c';

describe('payload schemas', () => {
  const payload = {
    analysisId: ID,
    teamId: ID,
    role: 'mix',
    trackCount: 1,
    uploadId: ID,
    objectKey: 'audio/x',
    fileName: 'mix.wav',
    sizeBytes: 10,
  };

  it('accept a well-formed payload and reject a malformed one', () => {
    expect(analyzeTrackPayloadSchema.parse(payload)).toEqual(payload);
    expect(analyzeTrackPayloadSchema.safeParse({ ...payload, role: 'stems' }).success).toBe(false);
    expect(analyzeTrackPayloadSchema.safeParse({ ...payload, analysisId: 'nope' }).success).toBe(
      false,
    );
    expect(
      trackProgressSchema.safeParse({
        analysisId: ID,
        teamId: ID,
        role: 'mix',
        trackCount: 1,
        stage: 'mixing',
        percent: 5,
      }).success,
    ).toBe(false);
  });
});

describe('redisConnectionFields', () => {
  it('reads host, port, credentials, database and TLS from a URL', () => {
    expect(redisConnectionFields('redis://127.0.0.1:6380')).toEqual({
      host: '127.0.0.1',
      port: 6380,
    });
    expect(redisConnectionFields('rediss://user:p%40ss@cache.internal/2')).toEqual({
      host: 'cache.internal',
      port: 6379,
      username: 'user',
      password: 'p@ss',
      db: 2,
      tls: {},
    });
    expect(redisConnectionFields('redis://[::1]:6379').host).toBe('::1');
  });
});

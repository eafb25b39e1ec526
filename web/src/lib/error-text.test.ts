import { describe, expect, it } from 'vitest';
import { ApiError, parseRetryAfter } from '../api/api-error.ts';
import { describeError } from './error-text.ts';

describe('errors in words', () => {
  it('tells how long to wait after a rate limit', () => {
    expect(
      describeError(new ApiError(429, 'ThrottlerException: Too Many Requests', 42, null)),
    ).toBe('Too many requests: the rate limit was reached. Try again in 42 seconds.');
    expect(describeError(new ApiError(429, '', 120, null))).toContain('Try again in 2 minutes.');
  });

  it('explains a file that is too large or not audio', () => {
    expect(
      describeError(new ApiError(413, 'sizeBytes must not exceed 125829120', null, null)),
    ).toMatch(/too large: the limit is 120 MB/);
    expect(
      describeError(new ApiError(422, 'first bytes are not a known audio container', null, null)),
    ).toMatch(/not audio/);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('30')).toBe(30);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter(null)).toBeNull();
  });
});

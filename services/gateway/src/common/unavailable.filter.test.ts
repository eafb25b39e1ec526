import type { ArgumentsHost } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { UnexpectedErrorFilter, isUnavailable } from './unavailable.filter.ts';

function answer(error: unknown) {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = {
    headers: {},
  };
  const res = {
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json: (body: unknown) => (sent.body = body),
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getResponse: () => res }),
  } as unknown as ArgumentsHost;
  new UnexpectedErrorFilter().catch(error, host);
  return sent;
}

describe('UnexpectedErrorFilter', () => {
  it('answers a burst that outwaited the connection pool with 503 and Retry-After, not 500', () => {
    const poolWait = Object.assign(new Error('Unable to start a transaction in the given time.'), {
      code: 'P2028',
    });
    expect(isUnavailable(poolWait)).toBe(true);
    const sent = answer(poolWait);
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('5');
    expect(sent.body).toMatchObject({
      message: 'A backing service is unavailable; try again shortly',
    });
  });

  it('keeps 500 for an error that is nobody else’s', () => {
    const sent = answer(new TypeError('x is undefined'));
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
    });
  });
});

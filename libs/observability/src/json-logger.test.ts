import { describe, expect, it } from 'vitest';
import { createJsonLogger, NestJsonLogger } from './json-logger.ts';
import { withLogContext } from './log-context.ts';

function capture(format: 'json' | 'text' = 'json', level: 'log' | 'warn' = 'log') {
  const lines: string[] = [];
  const logger = createJsonLogger({
    service: 'test',
    level,
    format,
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { lines, nest: new NestJsonLogger(logger) };
}

describe('NestJsonLogger', () => {
  it('writes one JSON object per line with level, context, message and the context fields', async () => {
    const { lines, nest } = capture();
    await withLogContext({ requestId: 'req-1' }, async () => {
      await Promise.resolve();
      await withLogContext({ jobId: 'a.mix' }, async () => nest.log('started a.mix', 'Worker'));
    });
    nest.warn('outside', 'Worker');
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]);
    expect(first).toMatchObject({
      level: 'info',
      service: 'test',
      context: 'Worker',
      msg: 'started a.mix',
      requestId: 'req-1',
      jobId: 'a.mix',
    });
    expect(new Date(first.time).toString()).not.toBe('Invalid Date');
    const second = JSON.parse(lines[1]);
    expect(second.level).toBe('warn');
    expect(second.requestId).toBeUndefined();
  });

  it("maps Nest's error(message, stack, context) and drops levels below LOG_LEVEL", () => {
    const { lines, nest } = capture('json', 'warn');
    nest.log('not shown', 'Svc');
    nest.error('boom', 'Error: boom\n    at somewhere', 'Svc');
    nest.error('no stack', undefined, 'Svc');
    expect(lines).toHaveLength(2);
    const [withStack, without] = lines.map((l) => JSON.parse(l));
    expect(withStack).toMatchObject({ level: 'error', context: 'Svc', msg: 'boom' });
    expect(withStack.err.stack).toContain('at somewhere');
    expect(without).toMatchObject({ context: 'Svc', msg: 'no stack' });
    expect(without.err).toBeUndefined();
  });

  it('writes readable lines in text format', () => {
    const { lines, nest } = capture('text');
    withLogContext({ jobId: 'x.mix' }, () => nest.log('finished x.mix', 'Worker'));
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}\[Worker\] finished x\.mix jobId=x\.mix\n$/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { isCi, judgeRequirements, type Requirement } from './requirement.ts';

const postgres = (missing: string | null): Requirement => ({
  what: 'PostgreSQL at 127.0.0.1:5432',
  missing,
  provide: 'run `bash infra/local/ensure-services.sh`',
});
const ebuFiles: Requirement = {
  what: 'the EBU test files',
  missing: 'no .wav files in ../shared/fixtures',
  provide: 'set MIXSCOPE_EBU_FIXTURES',
  optionalInCi: true,
};

describe('judgeRequirements', () => {
  it('runs when nothing is missing', () => {
    expect(judgeRequirements([postgres(null)], { CI: 'true' })).toEqual({ kind: 'run' });
  });

  it('skips locally, naming what is missing and what provides it', () => {
    expect(judgeRequirements([postgres('ECONNREFUSED'), ebuFiles], {})).toEqual({
      kind: 'skip',
      reason:
        'PostgreSQL at 127.0.0.1:5432: ECONNREFUSED (run `bash infra/local/ensure-services.sh`); ' +
        'the EBU test files: no .wav files in ../shared/fixtures (set MIXSCOPE_EBU_FIXTURES)',
    });
  });

  it('fails in CI', () => {
    const verdict = judgeRequirements([postgres('ECONNREFUSED')], { CI: 'true' });
    expect(verdict.kind).toBe('fail');
    expect(verdict).toHaveProperty('reason', expect.stringContaining('ECONNREFUSED'));
  });

  it('skips in CI only what is optional there', () => {
    expect(judgeRequirements([ebuFiles], { CI: 'true' }).kind).toBe('skip');
    expect(judgeRequirements([ebuFiles, postgres('down')], { CI: 'true' }).kind).toBe('fail');
  });
});

describe('isCi', () => {
  it.each([
    [{ CI: 'true' }, true],
    [{ CI: '1' }, true],
    [{ CI: 'false' }, false],
    [{ CI: '0' }, false],
    [{ CI: '' }, false],
    [{}, false],
  ])('%j → %s', (env, expected) => {
    expect(isCi(env)).toBe(expected);
  });
});

/**
 * What a suite needs from the machine (a service, a program, a fixture set) and the one rule for
 * when it is not there: in CI (`CI=true`) the run fails, saying what is missing and what provides
 * it; elsewhere the tests are skipped with a warning that says the same.
 */
import { describe, it } from 'vitest';

export interface Requirement {
  /** What is needed, as a person would name it: "PostgreSQL at 127.0.0.1:5432". */
  what: string;
  /** What is wrong when it is not there ("not reachable: ECONNREFUSED"), or null when it is. */
  missing: string | null;
  /** The command or setting that provides it: "run `npm run fixtures:music`". */
  provide: string;
  /** A requirement CI may go without (announced, skipped): say why where it is set. */
  optionalInCi?: boolean;
}

export type RequirementVerdict =
  { kind: 'run' } | { kind: 'skip'; reason: string } | { kind: 'fail'; reason: string };

export class RequirementMissingError extends Error {
  readonly code = 'REQUIREMENT_MISSING';
  constructor(reason: string) {
    super(reason);
    this.name = 'RequirementMissingError';
  }
}

/** Whether this environment is a CI run: `CI` set to anything but "", "0" or "false". */
export function isCi(env: Record<string, string | undefined> = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return !!value && value !== '0' && value !== 'false';
}

/** Run, skip or fail, for these requirements in this environment. */
export function judgeRequirements(
  requirements: readonly Requirement[],
  env: Record<string, string | undefined> = process.env,
): RequirementVerdict {
  const absent = requirements.filter((r) => r.missing !== null);
  if (absent.length === 0) return { kind: 'run' };
  const reason = absent.map((r) => `${r.what}: ${r.missing} (${r.provide})`).join('; ');
  const required = absent.some((r) => !r.optionalInCi);
  return isCi(env) && required ? { kind: 'fail', reason } : { kind: 'skip', reason };
}

function verdictFor(name: string, requirements: Requirement | readonly Requirement[]) {
  const verdict = judgeRequirements(Array.isArray(requirements) ? requirements : [requirements]);
  if (verdict.kind === 'skip') console.warn(`skipping "${name}": ${verdict.reason}`);
  return verdict;
}

/** `describe`, when what the suite needs is there; see the module comment for when it is not. */
export function describeWith(
  requirements: Requirement | readonly Requirement[],
  name: string,
  body: () => void,
): void {
  const verdict = verdictFor(name, requirements);
  if (verdict.kind === 'run') describe(name, body);
  else if (verdict.kind === 'skip')
    describe.skip(name, () => {
      // Listed even where the body registers no test (an it.each over missing files).
      it(`needs ${verdict.reason}`, () => {});
      body();
    });
  else
    describe(name, () => {
      it('has what it needs', () => {
        throw new RequirementMissingError(verdict.reason);
      });
    });
}

/** `it`, when what the test needs is there; see the module comment for when it is not. */
export function itWith(
  requirements: Requirement | readonly Requirement[],
  name: string,
  body: () => unknown,
  timeoutMs?: number,
): void {
  const verdict = verdictFor(name, requirements);
  if (verdict.kind === 'run') it(name, body, timeoutMs);
  else if (verdict.kind === 'skip') it.skip(name, body);
  else
    it(name, () => {
      throw new RequirementMissingError(verdict.reason);
    });
}

/** Codes of the ways a value can break a contract. */
export type ContractErrorCode = 'INVALID_ANALYSIS_RESULT';

/** One problem found in a value, at a dotted document path such as `spectrum.bands[2].share`. */
export interface ContractIssue {
  path: string;
  message: string;
}

const SUBJECTS: Record<ContractErrorCode, string> = {
  INVALID_ANALYSIS_RESULT: 'Invalid analysis result',
};

/** Thrown when a value does not satisfy a contract; `path` names the first problem. */
export class ContractError extends Error {
  readonly path: string;

  constructor(
    readonly code: ContractErrorCode,
    readonly issues: readonly [ContractIssue, ...ContractIssue[]],
  ) {
    super(`${SUBJECTS[code]}: ${summarise(issues)}`);
    this.name = 'ContractError';
    this.path = issues[0].path;
  }
}

/** Issues shown in a message; the rest are counted (all of them stay in `issues`). */
const SHOWN_ISSUES = 5;

function summarise(issues: readonly ContractIssue[]): string {
  const shown = issues.slice(0, SHOWN_ISSUES).map((issue) => `${issue.path}: ${issue.message}`);
  const more = issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}

import type { z } from 'zod';
import { analysisResultSchema, type AnalysisResult } from './analysis-result.ts';
import { ContractError, type ContractIssue } from './contract-error.ts';
import { formatPath, type PathSegment } from './document-path.ts';

export type SafeParseAnalysisResult =
  { success: true; data: AnalysisResult } | { success: false; error: ContractError };

/**
 * Checks a stored, received or freshly measured document against the contract and returns it
 * typed. Throws ContractError (code INVALID_ANALYSIS_RESULT) whose `path` names the first problem.
 */
export function parseAnalysisResult(value: unknown): AnalysisResult {
  const parsed = safeParseAnalysisResult(value);
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}

export function safeParseAnalysisResult(value: unknown): SafeParseAnalysisResult {
  const parsed = analysisResultSchema.safeParse(value, { error: missingPropertyMessage });
  if (parsed.success) return { success: true, data: parsed.data };
  const [first, ...rest] = parsed.error.issues.flatMap(toContractIssues);
  return {
    success: false,
    error: new ContractError('INVALID_ANALYSIS_RESULT', [first, ...rest]),
  };
}

function missingPropertyMessage(issue: z.core.$ZodRawIssue): string | undefined {
  return issue.code === 'invalid_type' && issue.input === undefined ? 'missing' : undefined;
}

/** One issue per unexpected key, at the key itself; others at the path zod names. */
function toContractIssues(issue: z.core.$ZodIssue): ContractIssue[] {
  const path = issue.path.map(toSegment);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: formatPath([...path, key]),
      message: 'unexpected property',
    }));
  }
  return [{ path: formatPath(path), message: issue.message }];
}

function toSegment(key: PropertyKey): PathSegment {
  return typeof key === 'symbol' ? String(key) : key;
}

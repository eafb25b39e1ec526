import { reportSchema, type Report } from '@mixscope/contracts';
import type { z } from 'zod';

export type ReportCheck = { valid: true; report: Report } | { valid: false; errors: string[] };

/**
 * One line per problem, worded for the model that has to fix it: "missing section stereoImage",
 * "suggestions.0.priority must be one of high, medium, low", "section summary is empty".
 */
function describe(issue: z.core.$ZodIssue): string[] {
  const at = issue.path.join('.');
  const topLevel = issue.path.length === 1;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return [`missing ${topLevel ? 'section' : 'field'} ${at}`];
      return [
        `${at || 'report'} must be ${issue.expected === 'object' ? 'an object' : issue.expected}`,
      ];
    case 'unrecognized_keys':
      return issue.keys.map((key) => `unexpected field ${[...issue.path, key].join('.')}`);
    case 'invalid_value':
      return [`${at} must be one of ${issue.values.map(String).join(', ')}`];
    default:
      return [`${topLevel ? 'section ' : ''}${at || 'report'} ${issue.message}`];
  }
}

/** The contract's check of a report, with messages the repair step can send back. */
export function validateReport(doc: unknown): ReportCheck {
  const parsed = reportSchema.safeParse(doc, { reportInput: true });
  if (parsed.success) return { valid: true, report: parsed.data };
  return { valid: false, errors: [...new Set(parsed.error.issues.flatMap(describe))] };
}

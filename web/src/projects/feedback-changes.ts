/**
 * What changed in the feedback between two revisions: the problems the newer revision no longer
 * has, the ones it brings, and the ones it keeps. Findings are matched by their stable id
 * ("true-peak.over", "spectrum.band.sub"); a finding is a problem when its severity is "error" or
 * "warning" (notes and passes are not). Findings about the reference count only when both
 * revisions were measured against one, or a dropped reference would look like fixes. While either
 * report is still being written, the measured issues stand in, under the id the rules engine
 * gives them ("hygiene.<code>").
 */
import type { AnalysisResult, Feedback, Severity } from '@mixscope/contracts';
import { humanize } from '@mixscope/present';

export interface FeedbackProblem {
  key: string;
  title: string;
  severity: Severity;
  message: string;
}

export interface FeedbackChanges {
  /** 'findings' when both reports are there; 'issues' when the measured issues stood in. */
  basis: 'findings' | 'issues';
  /** Whether findings about the reference were compared (both revisions have one). */
  referenceCompared: boolean;
  fixed: FeedbackProblem[];
  added: FeedbackProblem[];
  remaining: FeedbackProblem[];
}

export interface RevisionFeedback {
  result: AnalysisResult;
  report: Feedback | null | undefined;
}

export function feedbackChanges(older: RevisionFeedback, newer: RevisionFeedback): FeedbackChanges {
  const basis = older.report && newer.report ? 'findings' : 'issues';
  const referenceCompared = !!older.result.comparison && !!newer.result.comparison;
  const before = problemsOf(older, basis, referenceCompared);
  const after = problemsOf(newer, basis, referenceCompared);
  return {
    basis,
    referenceCompared,
    fixed: [...before.values()].filter((problem) => !after.has(problem.key)),
    added: [...after.values()].filter((problem) => !before.has(problem.key)),
    remaining: [...after.values()].filter((problem) => before.has(problem.key)),
  };
}

const PROBLEM_SEVERITIES: ReadonlySet<Severity> = new Set(['error', 'warning']);

function problemsOf(
  revision: RevisionFeedback,
  basis: FeedbackChanges['basis'],
  withReference: boolean,
): Map<string, FeedbackProblem> {
  const problems: FeedbackProblem[] =
    basis === 'findings'
      ? (revision.report?.findings ?? [])
          .filter((finding) => PROBLEM_SEVERITIES.has(finding.severity))
          .filter((finding) => withReference || finding.area !== 'reference')
          .map(({ id, title, severity, message }) => ({ key: id, title, severity, message }))
      : revision.result.issues
          .filter((issue) => PROBLEM_SEVERITIES.has(issue.severity))
          .map((issue) => ({
            key: `hygiene.${issue.code}`,
            title: humanize(issue.code),
            severity: issue.severity,
            message: issue.message,
          }));
  const byKey = new Map<string, FeedbackProblem>();
  // The same check can fire per channel: it is one problem.
  for (const problem of problems) if (!byKey.has(problem.key)) byKey.set(problem.key, problem);
  return byKey;
}

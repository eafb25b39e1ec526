/**
 * What changed in the feedback between two revisions: the problems the newer revision no longer
 * has, the ones it brings, and the ones it keeps. Findings are matched by their stable id
 * ("true-peak.over", "spectrum.band.sub"); a finding counts as a problem unless its severity is
 * "ok". While either report is still being written, the measured issues stand in, under the id
 * the rules engine gives them ("hygiene.<code>").
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
  const before = problemsOf(older, basis);
  const after = problemsOf(newer, basis);
  return {
    basis,
    fixed: [...before.values()].filter((problem) => !after.has(problem.key)),
    added: [...after.values()].filter((problem) => !before.has(problem.key)),
    remaining: [...after.values()].filter((problem) => before.has(problem.key)),
  };
}

function problemsOf(
  revision: RevisionFeedback,
  basis: FeedbackChanges['basis'],
): Map<string, FeedbackProblem> {
  const problems: FeedbackProblem[] =
    basis === 'findings'
      ? (revision.report?.findings ?? [])
          .filter((finding) => finding.severity !== 'ok')
          .map(({ id, title, severity, message }) => ({ key: id, title, severity, message }))
      : revision.result.issues.map((issue) => ({
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

import type { AnalysisResult, Feedback } from '@mixscope/contracts';

export interface TopIssue {
  key: string;
  severity: 'error' | 'warning' | 'info';
  title: string;
  detail: string;
}

const RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * The issues worth seeing first: the report's findings when there is a report (they already
 * fold in the measured problems), otherwise the analyzer's own issue list.
 */
export function topIssues(
  result: AnalysisResult,
  feedback: Feedback | null | undefined,
  limit = 6,
): TopIssue[] {
  const fromFindings: TopIssue[] = (feedback?.findings ?? [])
    .filter((finding) => finding.severity !== 'ok')
    .map((finding) => ({
      key: finding.id,
      severity: finding.severity as TopIssue['severity'],
      title: finding.title,
      detail: finding.message,
    }));
  const fromResult: TopIssue[] = result.issues.map((issue, i) => ({
    key: `${issue.code}-${i}`,
    severity: issue.severity,
    title: issue.code.replace(/-/g, ' '),
    detail: issue.message,
  }));
  const chosen = fromFindings.length > 0 ? fromFindings : fromResult;
  return [...chosen].sort((a, b) => RANK[a.severity] - RANK[b.severity]).slice(0, limit);
}

/** Where the analysis found something at a moment in time: one marker per issue time. */
import type { AudioIssue, IssueCode } from '@mixscope/contracts';
import { humanize } from '@mixscope/present';

export interface IssueMarker {
  key: string;
  atSec: number;
  code: IssueCode;
  severity: AudioIssue['severity'];
  label: string;
  /** The issue's own sentence. */
  message: string;
}

/** Every time of every issue, in time order; issues without a time (DC offset) have no marker. */
export function issueMarkers(issues: readonly AudioIssue[], durationSec: number): IssueMarker[] {
  return issues
    .flatMap((issue) =>
      issue.times
        .filter((t) => t >= 0 && t <= durationSec)
        .map((atSec, index) => ({
          key: `${issue.code}-${issue.channel ?? 'all'}-${index}`,
          atSec,
          code: issue.code,
          severity: issue.severity,
          label: humanize(issue.code),
          message: issue.message,
        })),
    )
    .sort((a, b) => a.atSec - b.atSec);
}

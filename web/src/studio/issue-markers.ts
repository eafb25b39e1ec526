/** Where the analysis found something at a moment in time: one marker per passage of an issue. */
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

/**
 * Times of one issue closer than this to the previous marker of the same kind belong to the
 * same passage: a clipped burst reports an event every few milliseconds, on every channel.
 */
export const MARKER_GAP_SEC = 0.5;

/** A marker for each passage of each issue with times, in time order; DC offset has none. */
export function issueMarkers(issues: readonly AudioIssue[], durationSec: number): IssueMarker[] {
  const markers: IssueMarker[] = [];
  const codes = [...new Set(issues.map((issue) => issue.code))];
  for (const code of codes) {
    const sameCode = issues.filter((issue) => issue.code === code);
    const worst = sameCode.find((issue) => issue.severity === 'error') ?? sameCode[0];
    const times = sameCode
      .flatMap((issue) => issue.times)
      .filter((t) => t >= 0 && t <= durationSec)
      .sort((a, b) => a - b);
    let last = -Infinity;
    for (const atSec of times) {
      if (atSec - last < MARKER_GAP_SEC) continue;
      last = atSec;
      markers.push({
        key: `${code}-${markers.length}`,
        atSec,
        code,
        severity: worst.severity,
        label: humanize(code),
        message: worst.message,
      });
    }
  }
  return markers.sort((a, b) => a.atSec - b.atSec);
}

/**
 * Two revisions of a project side by side. The figures and the band rule are the reference
 * comparison's (compareResults in @mixscope/dsp), with the older revision in the reference's place:
 * every delta is newer minus older, and each band's delta is taken after turning the older
 * revision to the newer one's integrated loudness.
 */
import type { AnalysisResult, ComparisonResult, LoudnessCurves } from '@mixscope/contracts';
import { compareResults } from '@mixscope/dsp';
import { shortTermRows } from '../charts/chart-data.ts';

export function compareRevisionResults(
  older: AnalysisResult,
  newer: AnalysisResult,
): ComparisonResult {
  return compareResults(newer, older);
}

export interface RevisionLoudnessRow {
  t: number;
  older: number | null;
  newer: number | null;
}

/** Both revisions' short-term loudness on one time axis; the shorter one ends early. */
export function revisionLoudnessRows(
  older: LoudnessCurves,
  newer: LoudnessCurves,
  maxPoints = 1200,
): RevisionLoudnessRow[] {
  const byTime = new Map<number, RevisionLoudnessRow>();
  const rowAt = (t: number) => {
    let row = byTime.get(t);
    if (!row) {
      row = { t, older: null, newer: null };
      byTime.set(t, row);
    }
    return row;
  };
  const longest = Math.max(older.shortTerm.length, newer.shortTerm.length);
  const bucket = Math.max(1, Math.ceil(longest / maxPoints));
  for (const point of shortTermRows(older, maxPoints, bucket)) rowAt(point.t).older = point.lufs;
  for (const point of shortTermRows(newer, maxPoints, bucket)) rowAt(point.t).newer = point.lufs;
  return [...byTime.values()].sort((a, b) => a.t - b.t);
}

import { describe, expect, it } from 'vitest';
import { AUTO_GENRE, GENRE_PROFILE_DATA, type AnalysisResult } from '@mixscope/contracts';
import { buildFeedback } from '../build-feedback.ts';
import { variedResults, withRandomReference } from '../test-support/varied-results.ts';
import { findFindingConflicts, findReportContradictions } from './contradictions.ts';

const GENRES = [...GENRE_PROFILE_DATA.map((genre) => genre.id), AUTO_GENRE];
const RESULTS = variedResults(24);

function comparable(result: AnalysisResult): boolean {
  return (
    result.loudness.integratedLufs !== null &&
    result.spectrum.bands.every((band) => band.levelDbfs !== null)
  );
}

/** Every fixture without and with a reference (two different ones for each random mix). */
const CASES = RESULTS.flatMap(({ name, result }, i) => [
  { name, result },
  ...(comparable(result)
    ? [
        { name: `${name} + reference A`, result: withRandomReference(result, i) },
        { name: `${name} + reference B`, result: withRandomReference(result, i + 1000) },
      ]
    : []),
]);

describe('rules advice over every fixture × genre × reference', () => {
  it('never contradicts itself', async () => {
    const failures: string[] = [];
    let overridden = 0;
    let withReference = 0;
    for (const { name, result } of CASES) {
      for (const genre of GENRES) {
        const { findings, report } = await buildFeedback(result, { genre });
        const anchors = findings.flatMap((f) => (f.move ? [f.move] : []));
        const found = [
          ...findFindingConflicts(findings, result.comparison),
          ...findReportContradictions(report, anchors),
        ];
        for (const c of found)
          failures.push(`${name} / ${genre}: ${c.kind} on ${c.target}: ${c.detail}`);
        overridden += anchors.filter((move) => move.status === 'overridden').length;
        if (result.comparison) withReference++;
      }
    }
    expect(failures).toEqual([]);
    // The matrix reaches the cases reconciliation is for, so passing says something.
    expect(withReference).toBeGreaterThan(GENRES.length * 40);
    expect(overridden).toBeGreaterThan(100);
  });
});

import { describe, expect, it } from 'vitest';
import { BAND_NAMES, COMPARED_METRICS } from '@mixscope/contracts';
import { bandsFromLevels, buildAnalysisResult, buildSilentFile } from '@mixscope/contracts/testing';
import { compareRevisionResults, revisionLoudnessRows } from './revision-compare.ts';

const revision = (integratedLufs: number, bandLevels: number[]) =>
  buildAnalysisResult({
    loudness: { integratedLufs },
    spectrum: { bands: bandsFromLevels(bandLevels) },
  });

describe('compareRevisionResults', () => {
  it('takes each band delta after subtracting the integrated-loudness difference', () => {
    const older = revision(-12, [-20, -18, -16, -22, -26, -30]);
    // 2 LU louder overall, and the sub band 3 dB up on top of that.
    const newer = revision(-10, [-15, -16, -14, -20, -24, -28]);
    const comparison = compareRevisionResults(older, newer);
    expect(comparison.loudnessMatchGainDb).toBe(2);
    const deltas = Object.fromEntries(comparison.bands.map((band) => [band.name, band.deltaDb]));
    expect(deltas).toEqual({ sub: 3, bass: 0, lowMids: 0, mids: 0, highMids: 0, air: 0 });
    expect(comparison.bands.map((band) => band.name)).toEqual(BAND_NAMES);
  });

  it('a revision only turned up shows no band change', () => {
    const older = revision(-14, [-22, -20, -18, -24, -28, -32]);
    const newer = revision(-11, [-19, -17, -15, -21, -25, -29]);
    expect(compareRevisionResults(older, newer).bands.every((band) => band.deltaDb === 0)).toBe(
      true,
    );
  });

  it('lists every compared metric as newer minus older, not only the headline figures', () => {
    const older = revision(-12, [-20, -18, -16, -22, -26, -30]);
    const newer = revision(-9.5, [-20, -18, -16, -22, -26, -30]);
    const { deltas } = compareRevisionResults(older, newer);
    expect(deltas.map((row) => row.metric)).toEqual(COMPARED_METRICS.map((m) => m.metric));
    const integrated = deltas.find((row) => row.metric === 'integratedLufs')!;
    expect(integrated).toMatchObject({ mix: -9.5, reference: -12, delta: 2.5 });
  });

  it('says why a band cannot be matched when a revision has no integrated loudness', () => {
    const older = revision(-12, [-20, -18, -16, -22, -26, -30]);
    const silent = buildSilentFile();
    const comparison = compareRevisionResults(older, silent);
    expect(comparison.bands.every((band) => band.deltaDb === null)).toBe(true);
    expect(comparison.reasons['bands.sub']).toMatch(/^mix: /);
  });
});

describe('revisionLoudnessRows', () => {
  const curves = (shortTerm: (number | null)[]) => ({
    hopSec: 0.1,
    momentaryStartSec: 0.4,
    shortTermStartSec: 3,
    momentary: shortTerm,
    shortTerm,
  });

  it('puts both short-term curves on one time axis, the shorter ending early', () => {
    const rows = revisionLoudnessRows(curves([-10, -11, -12]), curves([-9, -8]));
    expect(rows).toEqual([
      { t: 3, older: -10, newer: -9 },
      { t: 3.1, older: -11, newer: -8 },
      { t: 3.2, older: -12, newer: null },
    ]);
  });

  it('reduces long curves on one shared grid, keeping each bucket’s loudest point', () => {
    const long = Array.from({ length: 100 }, (_, i) => -30 + (i % 10));
    const rows = revisionLoudnessRows(curves(long), curves(long.slice(0, 50)), 10);
    expect(rows).toHaveLength(10);
    expect(rows.every((row) => row.older === -21)).toBe(true);
    expect(rows.slice(0, 5).every((row) => row.newer === -21)).toBe(true);
    expect(rows.slice(5).every((row) => row.newer === null)).toBe(true);
  });
});

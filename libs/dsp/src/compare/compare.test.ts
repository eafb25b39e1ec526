import { describe, expect, it } from 'vitest';
import {
  buildAnalysisResult,
  buildMonoFile,
  buildReferenceTrack,
  buildSection,
  buildSilentFile,
} from '@mixscope/contracts/testing';
import { parseAnalysisResult } from '@mixscope/contracts';
import type { AnalysisResult, ComparisonResult } from '@mixscope/contracts';
import { compareResults } from './compare.ts';
import { BAND_NAMES, COMPARED_METRICS } from '@mixscope/contracts';

function delta(comparison: ComparisonResult, metric: string) {
  const found = comparison.deltas.find((d) => d.metric === metric);
  if (!found) throw new Error(`no delta for ${metric}`);
  return found;
}

function attach(mix: AnalysisResult, reference: AnalysisResult): AnalysisResult {
  return { ...mix, reference, comparison: compareResults(mix, reference) };
}

describe('compareResults', () => {
  const mix = buildAnalysisResult();
  const reference = buildReferenceTrack();
  const comparison = compareResults(mix, reference);

  it('names the reference and lists each metric once, in a fixed order', () => {
    expect(comparison.referenceName).toBe('pro-reference.flac');
    expect(comparison.deltas.map((d) => d.metric)).toEqual(COMPARED_METRICS.map((m) => m.metric));
    expect(new Set(comparison.deltas.map((d) => d.metric)).size).toBe(comparison.deltas.length);
  });

  it.each([
    // metric, mix, reference, mix − reference, unit: figures from the sample documents
    ['integratedLufs', -8.7, -7.9, -0.8, 'LUFS'],
    ['momentaryMaxLufs', -5.9, -5.1, -0.8, 'LUFS'],
    ['shortTermMaxLufs', -7.2, -6.4, -0.8, 'LUFS'],
    ['loudnessRangeLu', 4.6, 5.1, -0.5, 'LU'],
    ['truePeakDbtp', 0.4, -0.8, 1.2, 'dBTP'],
    ['plrDb', 9.1, 7.1, 2.0, 'dB'],
    ['dynamicRangeDb', 6.2, 7, -0.8, 'dB'],
    ['crestFactorDb', 10.8, 10.8, 0, 'dB'],
    ['rmsDbfs', -10.9, -10.9, 0, 'dBFS'],
    ['widthScore', 38.5, 44, -5.5, ''],
    ['correlation', 0.78, 0.71, 0.07, ''],
    ['sideToMidDb', -11.4, -9.8, -1.6, 'dB'],
    ['foldDownLossDb', -0.9, -0.9, 0, 'LU'],
    ['tempoBpm', 124, 126, -2, 'BPM'],
    ['centroidHz', 1840, 2210, -370, 'Hz'],
  ] as const)('%s: %f − %f = %f %s', (metric, mixValue, referenceValue, expected, unit) => {
    const d = delta(comparison, metric);
    expect(d.mix).toBeCloseTo(mixValue, 9);
    expect(d.reference).toBeCloseTo(referenceValue, 9);
    expect(d.delta).toBeCloseTo(expected, 9);
    expect(d.unit).toBe(unit);
  });

  it('turns the reference to the mix loudness before comparing bands', () => {
    // gain = −8.7 − (−7.9); each band level is its share in dB on top of the total level.
    expect(comparison.loudnessMatchGainDb).toBeCloseTo(-0.8, 9);
    const mixShares = [0.12, 0.31, 0.14, 0.22, 0.13, 0.08];
    const referenceShares = [0.09, 0.3, 0.12, 0.25, 0.15, 0.09];
    const mixTotal = -11.2;
    const referenceTotal = -10.1;
    comparison.bands.forEach((band, i) => {
      const matchedReference = referenceTotal + 10 * Math.log10(referenceShares[i]) - 0.8;
      expect(band.mixDb).toBeCloseTo(mixTotal + 10 * Math.log10(mixShares[i]), 3);
      expect(band.referenceDb).toBeCloseTo(matchedReference, 3);
      expect(band.deltaDb).toBeCloseTo(
        -0.3 + 10 * Math.log10(mixShares[i] / referenceShares[i]),
        3,
      );
    });
    expect(comparison.bands.map((b) => b.name)).toEqual(BAND_NAMES);
    // Sub: 4/3 of the reference's share is +1.249 dB, less the 0.3 dB that matching leaves.
    expect(comparison.bands[0].deltaDb).toBeCloseTo(0.9494, 4);
    expect(comparison.reasons).toEqual({});
  });

  it('compares a file with itself to all-zero deltas', () => {
    const self = compareResults(mix, buildAnalysisResult());
    expect(self.loudnessMatchGainDb).toBe(0);
    for (const d of self.deltas) expect(d.delta).toBe(0);
    for (const b of self.bands) expect(b.deltaDb).toBe(0);
  });

  it('gives null with both sides’ reasons when a figure is missing', () => {
    const monoAgainstStereo = compareResults(buildMonoFile(), reference);
    expect(delta(monoAgainstStereo, 'widthScore')).toEqual({
      metric: 'widthScore',
      mix: null,
      reference: 44,
      delta: null,
      unit: '',
    });
    expect(monoAgainstStereo.reasons.widthScore).toBe('mix: Mono file: no stereo image to measure');
    expect(monoAgainstStereo.reasons.tempoBpm).toBe('mix: No steady pulse found');
    expect(delta(monoAgainstStereo, 'integratedLufs').delta).toBeCloseTo(-18.2 - -7.9, 9);

    const silentAgainstMono = compareResults(buildSilentFile(), buildMonoFile());
    expect(silentAgainstMono.loudnessMatchGainDb).toBeNull();
    expect(silentAgainstMono.reasons.loudnessMatchGainDb).toBe(
      'mix: No 400 ms block above the -70 LUFS absolute gate',
    );
    expect(silentAgainstMono.reasons.correlation).toBe(
      'mix: The file is digital silence; reference: Mono file: no stereo image to measure',
    );
    for (const band of silentAgainstMono.bands) {
      expect(band).toMatchObject({ mixDb: null, referenceDb: null, deltaDb: null });
      expect(silentAgainstMono.reasons[`bands.${band.name}`]).toBe(
        'mix: The file is digital silence; reference: cannot loudness-match: mix: No 400 ms block above the -70 LUFS absolute gate',
      );
    }
  });

  it('produces comparisons that pass the contract, the null-reason rule included', () => {
    for (const doc of [
      attach(mix, reference),
      attach(buildMonoFile(), reference),
      attach(buildSilentFile(), buildMonoFile()),
      attach(reference, buildSilentFile()),
    ]) {
      expect(() => parseAnalysisResult(doc)).not.toThrow();
    }
  });
});

describe('compareResults on sections', () => {
  const sections = (chorusLufs: number, width: number | null, chorus = true) => [
    buildSection({ startSec: 0, endSec: 20, label: 'A' }, -14, 40),
    buildSection({ startSec: 20, endSec: 40, label: 'B', chorusLike: chorus }, chorusLufs, 50),
    {
      ...buildSection(
        { startSec: 40, endSec: 60, label: 'B', chorusLike: chorus, repeatOf: 1 },
        chorusLufs,
      ),
      stereo: width === null ? null : { widthScore: width, correlation: 0.5 },
      reasons: width === null ? { stereo: 'mono file: there is no stereo image' } : {},
    },
  ];

  it('compares chorus with chorus, mix minus reference', () => {
    const mix = buildAnalysisResult({ sections: sections(-9, 50) });
    const reference = buildReferenceTrack({ sections: sections(-7.5, 60) });
    const { chorus } = compareResults(mix, reference);
    expect(chorus).toMatchObject({ mixIndex: 1, referenceIndex: 1 });
    const lufs = chorus!.deltas.find((d) => d.metric === 'integratedLufs')!;
    expect(lufs).toEqual({
      metric: 'integratedLufs',
      mix: -9,
      reference: -7.5,
      delta: -1.5,
      unit: 'LUFS',
    });
    expect(chorus!.deltas.find((d) => d.metric === 'widthScore')!.delta).toBe(0);
    expect(() => parseAnalysisResult(attach(mix, reference))).not.toThrow();
  });

  it('says why there is no chorus to compare, and leaves older documents alone', () => {
    const mix = buildAnalysisResult({ sections: sections(-9, 50, false) });
    const reference = buildReferenceTrack({ sections: sections(-7.5, 60) });
    const comparison = compareResults(mix, reference);
    expect(comparison.chorus).toBeNull();
    expect(comparison.reasons.chorus).toMatch(/mix: no section repeats|no chorus-like/);
    expect(() => parseAnalysisResult(attach(mix, reference))).not.toThrow();
    expect(compareResults(buildAnalysisResult(), buildReferenceTrack())).not.toHaveProperty(
      'chorus',
    );
  });
});

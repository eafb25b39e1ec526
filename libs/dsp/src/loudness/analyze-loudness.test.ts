import { describe, expect, it } from 'vitest';
import type { LoudnessResult } from '@mixscope/contracts';
import { analyzeLoudness } from './analyze-loudness.ts';
import { sine, toneSequence } from './test-signals.ts';

const NULLABLE_FIGURES = [
  'integratedLufs',
  'momentaryMaxLufs',
  'shortTermMaxLufs',
  'loudnessRangeLu',
  'truePeakDbtp',
  'samplePeakDbfs',
  'rmsDbfs',
  'crestFactorDb',
  'plrDb',
  'dynamicRangeDb',
] as const satisfies readonly (keyof LoudnessResult)[];

describe('analyzeLoudness', () => {
  it('fills the loudness section for a -23 dBFS tone', () => {
    const x = toneSequence(48_000, [{ sec: 10, dbfs: -23 }]);
    const { loudness, monoFoldDownLufs, truePeakOvers } = analyzeLoudness({
      sampleRate: 48_000,
      channels: [x, x],
      channelLabels: ['FL', 'FR'],
    });
    expect(Math.abs((loudness.integratedLufs as number) + 23)).toBeLessThanOrEqual(0.1);
    expect(monoFoldDownLufs).toBe(loudness.integratedLufs);
    expect(loudness.truePeakDbtp).toBeCloseTo(-23, 1);
    expect(loudness.samplePeakDbfs).toBeCloseTo(-23, 2);
    expect(loudness.rmsDbfs).toBeCloseTo(-23 - 10 * Math.log10(2), 2);
    expect(loudness.plrDb).toBeCloseTo(
      (loudness.truePeakDbtp as number) - (loudness.integratedLufs as number),
      9,
    );
    expect(loudness.truePeakPerChannelDbtp).toHaveLength(2);
    expect(loudness).not.toHaveProperty('platforms');
    expect(truePeakOvers).toEqual({ count: 0, times: [] });
    expect(loudness.reasons).toEqual({});
    // Figures to 0.01, curve points to 0.1.
    for (const key of NULLABLE_FIGURES) {
      const value = loudness[key] as number;
      expect(Math.abs(value * 100 - Math.round(value * 100))).toBeLessThan(1e-6);
    }
    for (const v of loudness.curves.momentary)
      expect(Math.abs((v as number) * 10 - Math.round((v as number) * 10))).toBeLessThan(1e-6);
  });

  it('passes true-peak overs through for issue detection', () => {
    const x = sine(48_000, 12_000, 1.2, 2, 45);
    const { loudness, truePeakOvers } = analyzeLoudness({
      sampleRate: 48_000,
      channels: [x],
      channelLabels: ['FC'],
    });
    expect(loudness.truePeakDbtp as number).toBeGreaterThan(1.4);
    expect(truePeakOvers.count).toBeGreaterThan(100);
    expect(truePeakOvers.times).toHaveLength(100);
  });

  it('says why every figure is missing for digital silence', () => {
    const silent = new Float32Array(48_000 * 4);
    const { loudness, monoFoldDownLufs } = analyzeLoudness({
      sampleRate: 48_000,
      channels: [silent, silent],
      channelLabels: ['FL', 'FR'],
    });
    for (const key of NULLABLE_FIGURES) {
      expect(loudness[key]).toBeNull();
      expect(typeof loudness.reasons[key]).toBe('string');
    }
    expect(monoFoldDownLufs).toBeNull();
    expect(JSON.stringify(loudness)).not.toMatch(/NaN|Infinity/);
  });

  it('keeps the dynamics of a short file and explains the missing loudness', () => {
    const x = toneSequence(44_100, [{ sec: 0.2, dbfs: -10 }]);
    const { loudness } = analyzeLoudness({
      sampleRate: 44_100,
      channels: [x],
      channelLabels: ['FC'],
    });
    expect(loudness.integratedLufs).toBeNull();
    expect(loudness.reasons.integratedLufs).toMatch(/400 ms/);
    expect(loudness.plrDb).toBeNull();
    expect(loudness.reasons.plrDb).toMatch(/integrated/);
    expect(loudness.samplePeakDbfs).toBeCloseTo(-10, 1);
    expect(loudness.truePeakDbtp).not.toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { analyzeSpectrumAndStereo } from '../spectrum/analyze-spectrum.ts';
import {
  add,
  allFinite,
  bandLimited,
  directCorrelation,
  dot,
  scale,
  sine,
  whiteNoise,
} from '../spectrum/test-signals.ts';
import { BAND_NAMES, type BandName, type StereoResult } from '@mixscope/contracts';

const SR = 44100;
/** The specified perceptual weights per band (docs/measurement.md#stereo-image). */
const WIDTH_WEIGHTS: Record<BandName, number> = {
  sub: 0.05,
  bass: 0.1,
  lowMids: 0.25,
  mids: 0.4,
  highMids: 0.7,
  air: 0.9,
};
const N = 1 << 19; // ~11.9 s

function stereoOf(left: Float32Array, right: Float32Array): StereoResult {
  const { stereo } = analyzeSpectrumAndStereo({
    sampleRate: SR,
    channels: [left, right],
    channelLabels: ['FL', 'FR'],
  });
  if (!stereo) throw new Error('expected a stereo section');
  return stereo;
}

function bandCorrelation(stereo: StereoResult, name: BandName): number | null {
  return stereo.bands.find((b) => b.name === name)?.correlation ?? null;
}

describe('whole-file stereo figures', () => {
  const x = whiteNoise(N, 1, 0.1);
  const y = whiteNoise(N, 2, 0.1);

  it('identical channels: r = 1, width 0, no side signal', () => {
    const stereo = stereoOf(x, x.slice());
    expect(stereo.correlation).toBe(1);
    expect(stereo.balanceDb).toBe(0);
    expect(stereo.widthScore).toBe(0);
    for (const band of stereo.bands) {
      expect(band.correlation).toBeCloseTo(1, 3);
      expect(band.width).toBeCloseTo(0, 3);
    }
    expect(stereo.sideToMidDb).toBeNull();
    expect(stereo.reasons.sideToMidDb).toMatch(/identical/);
    expect(stereo.monoCompatibility.outOfPhaseBands).toEqual([]);
  });

  it('inverted channels: r = -1, full width, every band out of phase', () => {
    const stereo = stereoOf(x, scale(x, -1));
    expect(stereo.correlation).toBe(-1);
    expect(stereo.widthScore).toBe(100);
    for (const band of stereo.bands) expect(band.correlation).toBeCloseTo(-1, 3);
    expect(stereo.monoCompatibility.outOfPhaseBands).toEqual(BAND_NAMES);
    expect(stereo.sideToMidDb).toBeNull();
    expect(stereo.reasons.sideToMidDb).toMatch(/inverse/);
  });

  it('independent noise: r ≈ 0 and close to full width', () => {
    const stereo = stereoOf(x, y);
    expect(Math.abs(stereo.correlation ?? 1)).toBeLessThan(0.01);
    expect(stereo.correlation).toBeCloseTo(directCorrelation(x, y), 3);
    expect(stereo.widthScore).toBeGreaterThan(95);
    expect(Math.abs(stereo.sideToMidDb ?? 1)).toBeLessThan(0.1);
  });

  it('partly correlated channels: r matches ΣLR / √(ΣL²ΣR²)', () => {
    const right = add(scale(x, 0.6), scale(y, 0.8));
    const stereo = stereoOf(x, right);
    expect(stereo.correlation).toBeCloseTo(directCorrelation(x, right), 3);
    expect(stereo.correlation).toBeCloseTo(0.6, 1);
  });

  it('a left channel 6 dB louder: balanceDb = 10·log10(ΣL²/ΣR²) ≈ +6.02', () => {
    const left = scale(x, 2);
    const stereo = stereoOf(left, x);
    const expected = 10 * Math.log10(dot(left, left) / dot(x, x));
    expect(stereo.balanceDb).toBeCloseTo(expected, 2);
    expect(stereo.balanceDb).toBeCloseTo(6.02, 2);
    expect(stereoOf(x, left).balanceDb).toBeCloseTo(-6.02, 2);
  });

  it('sideToMidDb = 10·log10(ΣS²/ΣM²)', () => {
    const left = add(x, scale(y, 0.3));
    const right = add(x, scale(y, -0.3));
    const mid = scale(add(left, right), 0.5);
    const side = scale(add(left, scale(right, -1)), 0.5);
    const expected = 10 * Math.log10(dot(side, side) / dot(mid, mid));
    const stereo = stereoOf(left, right);
    expect(stereo.sideToMidDb).toBeCloseTo(expected, 2);
    expect(stereo.sideToMidDb).toBeCloseTo(20 * Math.log10(0.3), 1);
  });

  it('leaves foldDownLossDb null without a reason for the orchestrator to fill', () => {
    const stereo = stereoOf(x, y);
    expect(stereo.monoCompatibility.foldDownLossDb).toBeNull();
    expect(stereo.reasons.foldDownLossDb).toBeUndefined();
  });
});

describe('per-band correlation from the cross-spectrum', () => {
  it('L = R at 100 Hz and L = -R at 3 kHz: bass +1, highMids -1, only highMids out of phase', () => {
    const low = sine(N, SR, 100, 0.3);
    const high = sine(N, SR, 3000, 0.3);
    const stereo = stereoOf(add(low, high), add(low, scale(high, -1)));
    expect(bandCorrelation(stereo, 'bass')).toBeCloseTo(1, 3);
    expect(bandCorrelation(stereo, 'highMids')).toBeCloseTo(-1, 3);
    expect(stereo.monoCompatibility.outOfPhaseBands).toEqual(['highMids']);
    // Bands holding only window leakage are not judged, and say why.
    for (const name of ['sub', 'lowMids', 'mids', 'air'] as const) {
      expect(bandCorrelation(stereo, name)).toBeNull();
      expect(stereo.reasons[`bands.${name}`]).toMatch(/too quiet/);
    }
  });

  it('one phase-shifted sine pair per band: r = cos φ, as the direct sums on each pair give', () => {
    const plan: [BandName, number, number][] = [
      ['sub', 40, 0],
      ['bass', 120, Math.PI / 3],
      ['lowMids', 350, Math.PI / 2],
      ['mids', 1000, (2 * Math.PI) / 3],
      ['highMids', 3500, Math.PI],
      ['air', 11000, Math.PI / 4],
    ];
    const lefts = plan.map(([, f]) => sine(N, SR, f, 0.2));
    const rights = plan.map(([, f, phi]) => sine(N, SR, f, 0.2, phi));
    const stereo = stereoOf(add(...lefts), add(...rights));

    let weighted = 0;
    let weights = 0;
    plan.forEach(([name, , phi], i) => {
      const expected = directCorrelation(lefts[i], rights[i]);
      expect(expected).toBeCloseTo(Math.cos(phi), 2);
      expect(bandCorrelation(stereo, name)).toBeCloseTo(expected, 2);
      weighted += WIDTH_WEIGHTS[name] * Math.min(1, Math.max(0, 1 - expected));
      weights += WIDTH_WEIGHTS[name];
    });
    expect(stereo.widthScore).toBeCloseTo((100 * weighted) / weights, 0);
    expect(stereo.monoCompatibility.outOfPhaseBands).toEqual(['mids', 'highMids']);
  });

  it('band-limited noise: mids correlation matches the direct sums on the band-limited signals', () => {
    const a = bandLimited(whiteNoise(N, 5, 0.1), SR, 600, 1800);
    const b = bandLimited(whiteNoise(N, 6, 0.1), SR, 600, 1800);
    const left = a;
    const right = add(scale(a, 0.6), scale(b, 0.8));
    const expected = directCorrelation(left, right);
    const stereo = stereoOf(left, right);
    expect(Math.abs((bandCorrelation(stereo, 'mids') ?? 0) - expected)).toBeLessThan(0.02);
    expect(stereo.bands.find((band) => band.name === 'mids')?.width).toBeCloseTo(1 - expected, 1);
  });
});

describe('no stereo to measure', () => {
  it('a mono file has no stereo section', () => {
    const result = analyzeSpectrumAndStereo({
      sampleRate: SR,
      channels: [sine(SR, SR, 440)],
      channelLabels: ['FC'],
    });
    expect(result.stereo).toBeNull();
    expect(result.spectrum.bands.find((b) => b.name === 'lowMids')?.share).toBeGreaterThan(0.99);
  });

  it('silence: nulls with reasons, no NaN', () => {
    const silent = new Float32Array(SR * 2);
    const result = analyzeSpectrumAndStereo({
      sampleRate: SR,
      channels: [silent, silent],
      channelLabels: ['FL', 'FR'],
    });
    const stereo = result.stereo!;
    for (const key of ['correlation', 'balanceDb', 'sideToMidDb', 'widthScore'] as const) {
      expect(stereo[key]).toBeNull();
      expect(stereo.reasons[key]).toBeTruthy();
    }
    for (const band of stereo.bands) {
      expect(band.correlation).toBeNull();
      expect(stereo.reasons[`bands.${band.name}`]).toBeTruthy();
    }
    expect(stereo.monoCompatibility.outOfPhaseBands).toEqual([]);
    expect(result.spectrum.reasons.bands).toMatch(/silent/);
    expect(allFinite(result)).toBe(true);
  });

  it('one silent channel: correlation and balance null, naming the silent side', () => {
    const stereo = stereoOf(whiteNoise(SR * 2, 3, 0.1), new Float32Array(SR * 2));
    expect(stereo.correlation).toBeNull();
    expect(stereo.reasons.correlation).toMatch(/right channel is silent/);
    expect(stereo.balanceDb).toBeNull();
    expect(allFinite(stereo)).toBe(true);
  });
});

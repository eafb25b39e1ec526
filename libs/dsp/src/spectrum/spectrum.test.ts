import { describe, expect, it } from 'vitest';
import { Fft } from '../math/fft.ts';
import { BANDS, type BandName, type SpectrumResult } from '@mixscope/contracts';
import { analyzeSpectrumAndStereo } from './analyze-spectrum.ts';
import { binRange } from './bands.ts';
import { spectrumResult } from './spectrum.ts';
import { fftSizeFor } from './stft-layout.ts';
import { allFinite, seededRandom, shapedNoise, sine, whiteNoise } from './test-signals.ts';

const SR = 44100;

function monoSpectrum(signal: Float32Array, sampleRate = SR): SpectrumResult {
  return analyzeSpectrumAndStereo({ sampleRate, channels: [signal], channelLabels: ['FC'] })
    .spectrum;
}

function band(result: SpectrumResult, name: BandName) {
  const found = result.bands.find((b) => b.name === name);
  if (!found) throw new Error(`no band ${name}`);
  return found;
}

function shareSum(result: SpectrumResult): number {
  return result.bands.reduce((sum, b) => sum + (b.share ?? 0), 0);
}

describe('long-window STFT size', () => {
  it.each([
    [44100, 16384],
    [48000, 16384],
    [96000, 32768],
    [22050, 8192],
  ])('at %i Hz uses %i points, bins at most 3 Hz apart', (rate, size) => {
    expect(fftSizeFor(rate)).toBe(size);
    expect(rate / size).toBeLessThanOrEqual(3);
  });
});

describe('band shares', () => {
  const centres: [BandName, number][] = [
    ['sub', 35],
    ['bass', 120],
    ['lowMids', 350],
    ['mids', 1000],
    ['highMids', 3500],
    ['air', 11000],
  ];

  it.each(centres)('a sine in %s (%i Hz) puts all its power there', (name, frequency) => {
    const result = monoSpectrum(sine(5 * SR, SR, frequency, 0.5));
    expect(band(result, name).share).toBeGreaterThan(0.999);
    expect(shareSum(result)).toBeCloseTo(1, 5);
    expect(band(result, name).db).toBeCloseTo(0, 2);
  });

  it('names the six bands with the documented edges', () => {
    const result = monoSpectrum(sine(SR, SR, 1000));
    expect(result.bands.map((b) => [b.name, b.lowHz, b.highHz])).toEqual([
      ['sub', 20, 60],
      ['bass', 60, 250],
      ['lowMids', 250, 500],
      ['mids', 500, 2000],
      ['highMids', 2000, 6000],
      ['air', 6000, 20000],
    ]);
  });

  it('keeps a 55 Hz kick in sub as the exact periodogram does', () => {
    // Kicks 0.4-0.6 s apart (a strictly periodic train has spectral lines, one of them right on
    // the 60 Hz edge). The DFT of the whole signal is its exact spectrum (Parseval): the reference.
    const n = 1 << 20;
    const random = seededRandom(1);
    const kick = new Float32Array(n);
    for (let onset = 0; onset < n - 2 * SR; onset += Math.round(SR * (0.4 + 0.2 * random()))) {
      for (let i = onset; i < Math.min(n, onset + 0.6 * SR); i++) {
        const t = (i - onset) / SR;
        const attack = t < 0.005 ? 0.5 - 0.5 * Math.cos((Math.PI * t) / 0.005) : 1;
        kick[i] += 0.5 * attack * Math.exp(-t / 0.15) * Math.sin(2 * Math.PI * 55 * t);
      }
    }
    const re = Float64Array.from(kick);
    const im = new Float64Array(n);
    new Fft(n).transform(re, im);
    let sub = 0;
    let total = 0;
    for (let k = 1; k < n / 2; k++) {
      const f = (k * SR) / n;
      if (f < 20 || f >= 20000) continue;
      const power = re[k] * re[k] + im[k] * im[k];
      total += power;
      if (f < 60) sub += power;
    }
    const expected = sub / total;

    const result = monoSpectrum(kick);
    expect(expected).toBeGreaterThan(0.85);
    expect(Math.abs((band(result, 'sub').share ?? 0) - expected)).toBeLessThan(0.01);
  });

  it('white noise shares follow bandwidth / 19980 Hz', () => {
    const result = monoSpectrum(whiteNoise(1 << 20, 11, 0.1));
    for (const edges of BANDS) {
      const expected = (edges.highHz - edges.lowHz) / (20000 - 20);
      const share = band(result, edges.name).share ?? 0;
      // The narrow sub band (40 Hz) has the fewest bins, so the most estimation noise.
      expect(Math.abs(share / expected - 1)).toBeLessThan(edges.name === 'sub' ? 0.15 : 0.05);
    }
    expect(shareSum(result)).toBeCloseTo(1, 5);
  });

  it('pink noise shares follow ln(high/low) / ln(1000)', () => {
    const pink = shapedNoise(1 << 20, SR, (f) => (f >= 5 && f <= 21000 ? 1 / Math.sqrt(f) : 0), 5);
    const result = monoSpectrum(pink);
    for (const edges of BANDS) {
      const expected = Math.log(edges.highHz / edges.lowHz) / Math.log(1000);
      expect(band(result, edges.name).share).toBeCloseTo(expected, 2);
    }
  });
});

describe('band levels', () => {
  it.each([
    [44100, 1000],
    [48000, 997],
    [96000, 1000],
  ])('a full-scale sine at %i Hz (%i Hz) reads -3.01 dBFS in its band', (rate, frequency) => {
    const result = monoSpectrum(sine(3 * rate, rate, frequency, 1), rate);
    expect(Math.abs((band(result, 'mids').levelDbfs ?? 0) - -3.01)).toBeLessThan(0.05);
  });

  it('a sine shorter than one window still reads its level', () => {
    const result = monoSpectrum(sine(4410, SR, 1000, 0.5));
    expect(
      Math.abs((band(result, 'mids').levelDbfs ?? 0) - (20 * Math.log10(0.5) - 3.0103)),
    ).toBeLessThan(0.1);
  });

  it('white noise band levels match σ² · bandwidth / Nyquist', () => {
    const sigma = 0.1;
    const result = monoSpectrum(whiteNoise(1 << 20, 3, sigma));
    for (const name of ['mids', 'highMids', 'air'] as const) {
      const edges = BANDS.find((b) => b.name === name)!;
      const expected = 10 * Math.log10((sigma * sigma * (edges.highHz - edges.lowHz)) / (SR / 2));
      expect(Math.abs((band(result, name).levelDbfs ?? 0) - expected)).toBeLessThan(0.2);
    }
  });
});

describe('spectrum curve', () => {
  it('has ~120 log-spaced points from 20 Hz to 20 kHz', () => {
    const { curve } = monoSpectrum(whiteNoise(SR * 5, 1, 0.1));
    expect(curve.frequenciesHz.length).toBe(120);
    expect(curve.db.length).toBe(120);
    expect(curve.frequenciesHz[0]).toBeCloseTo(20, 5);
    expect(curve.frequenciesHz[119]).toBeCloseTo(20000, 5);
    const ratios = curve.frequenciesHz.slice(1).map((f, i) => f / curve.frequenciesHz[i]);
    for (const r of ratios) expect(Math.abs(r / ratios[0] - 1)).toBeLessThan(2e-3);
  });

  it('reads white noise as a flat density of 2σ²/fs per Hz', () => {
    const sigma = 0.1;
    const { curve } = monoSpectrum(whiteNoise(1 << 20, 2, sigma));
    const expected = 10 * Math.log10((2 * sigma * sigma) / SR);
    // Low points average few bins, so they scatter more.
    curve.db.forEach((db, i) => {
      const tolerance = curve.frequenciesHz[i] < 100 ? 2 : 0.5;
      expect(Math.abs(db - expected)).toBeLessThan(tolerance);
    });
  });

  it('reads pink noise as -3 dB per octave', () => {
    const pink = shapedNoise(1 << 20, SR, (f) => (f >= 5 ? 1 / Math.sqrt(f) : 0), 9);
    const { curve } = monoSpectrum(pink);
    const points = curve.frequenciesHz
      .map((f, i) => [Math.log2(f), curve.db[i]] as const)
      .filter(([octave]) => octave >= Math.log2(100) && octave <= Math.log2(10000));
    const meanX = points.reduce((s, [x]) => s + x, 0) / points.length;
    const meanY = points.reduce((s, [, y]) => s + y, 0) / points.length;
    const slope =
      points.reduce((s, [x, y]) => s + (x - meanX) * (y - meanY), 0) /
      points.reduce((s, [x]) => s + (x - meanX) ** 2, 0);
    expect(slope).toBeGreaterThan(-3.01 - 0.2);
    expect(slope).toBeLessThan(-3.01 + 0.2);
  });

  it('peaks at a sine frequency', () => {
    const { curve } = monoSpectrum(sine(SR * 3, SR, 1000, 0.5));
    const peak = curve.db.indexOf(Math.max(...curve.db));
    expect(Math.abs(Math.log2(curve.frequenciesHz[peak] / 1000))).toBeLessThan(1 / 12);
  });
});

describe('centroid, rolloff and flatness', () => {
  it('white noise: centroid mid-range, 85 % rolloff at 20 + 0.85 · 19980 Hz, flatness near 1', () => {
    const result = monoSpectrum(whiteNoise(1 << 20, 4, 0.1));
    expect(Math.abs((result.centroidHz ?? 0) - 10010)).toBeLessThan(100);
    expect(Math.abs((result.rolloffHz ?? 0) - (20 + 0.85 * 19980))).toBeLessThan(100);
    expect(result.flatness).toBeGreaterThan(0.97);
  });

  it('pink noise: analytic centroid and rolloff of a 1/f spectrum', () => {
    const pink = shapedNoise(1 << 20, SR, (f) => (f >= 5 && f <= 21000 ? 1 / Math.sqrt(f) : 0), 6);
    const result = monoSpectrum(pink);
    const [a, b] = [20, 20000];
    // Amplitude f^-1/2: centroid = ∫f·f^-1/2 / ∫f^-1/2; power 1/f: 85 % lies below a·(b/a)^0.85.
    const centroid = (b ** 1.5 - a ** 1.5) / (3 * (b ** 0.5 - a ** 0.5));
    const rolloff = a * (b / a) ** 0.85;
    expect(Math.abs((result.centroidHz ?? 0) / centroid - 1)).toBeLessThan(0.02);
    expect(Math.abs((result.rolloffHz ?? 0) / rolloff - 1)).toBeLessThan(0.02);
    // Flatness of f^-1/2 sampled on the bin grid: geometric over arithmetic mean.
    const binHz = SR / fftSizeFor(SR);
    let logSum = 0;
    let sum = 0;
    let count = 0;
    for (let k = Math.ceil(a / binHz); k * binHz < b; k++) {
      const amplitude = 1 / Math.sqrt(k * binHz);
      logSum += Math.log(amplitude);
      sum += amplitude;
      count++;
    }
    const flatness = Math.exp(logSum / count) / (sum / count);
    expect(Math.abs((result.flatness ?? 0) - flatness)).toBeLessThan(0.02);
  });

  it('a sine: centroid and rolloff at its frequency, flatness near 0', () => {
    const result = monoSpectrum(sine(SR * 3, SR, 1000, 0.5));
    expect(Math.abs((result.centroidHz ?? 0) - 1000)).toBeLessThan(20);
    expect(Math.abs((result.rolloffHz ?? 0) - 1000)).toBeLessThan(6);
    expect(result.flatness).toBeLessThan(0.05);
  });
});

describe('nothing to measure', () => {
  it('silence: null shares, levels and shape, each with a reason, no NaN', () => {
    const result = monoSpectrum(new Float32Array(SR * 2));
    for (const b of result.bands) {
      expect(b.share).toBeNull();
      expect(b.db).toBeNull();
      expect(b.levelDbfs).toBeNull();
    }
    expect(result.centroidHz).toBeNull();
    expect(result.rolloffHz).toBeNull();
    expect(result.flatness).toBeNull();
    expect(result.curve).toEqual({ frequenciesHz: [], db: [] });
    for (const key of ['bands', 'centroidHz', 'rolloffHz', 'flatness'])
      expect(result.reasons[key]).toMatch(/silent/);
    expect(allFinite(result)).toBe(true);
  });

  it('an empty signal says there are no samples', () => {
    const result = monoSpectrum(new Float32Array(0));
    expect(result.bands.every((b) => b.share === null)).toBe(true);
    expect(result.reasons.bands).toMatch(/no samples/);
  });

  it('a band with no power has share 0 and null dB with a reason', () => {
    // No windowed signal leaves a band exactly empty (leakage), so the long-term spectrum is
    // built directly: equal power in every bin except the air band's, which hold none.
    const fftSize = fftSizeFor(SR);
    const binHz = SR / fftSize;
    const power = new Float64Array(fftSize / 2 + 1).fill(1e-6);
    const air = BANDS.find((b) => b.name === 'air')!;
    power.fill(0, ...binRange(air.lowHz, air.highHz, binHz, power.length));
    const result = spectrumResult({ sampleRate: SR, fftSize, binHz, frameCount: 8, power });

    expect(band(result, 'air')).toMatchObject({ share: 0, db: null, levelDbfs: null });
    expect(result.reasons['bands.air']).toBe('no power in this band');
    for (const other of result.bands.filter((b) => b.name !== 'air')) {
      expect(other.share, other.name).toBeGreaterThan(0);
      expect(other.db, other.name).not.toBeNull();
      expect(result.reasons[`bands.${other.name}`], other.name).toBeUndefined();
    }
    expect(shareSum(result)).toBeCloseTo(1, 5);
    expect(allFinite(result)).toBe(true);
  });

  it('a band above Nyquist is null with a reason; the rest still sum to 1', () => {
    const rate = 8000;
    const result = monoSpectrum(whiteNoise(rate * 5, 8, 0.1), rate);
    expect(band(result, 'air').share).toBeNull();
    expect(result.reasons['bands.air']).toMatch(/Nyquist/);
    expect(shareSum(result)).toBeCloseTo(1, 5);
    expect(result.curve.frequenciesHz[result.curve.frequenciesHz.length - 1]).toBeCloseTo(4000, 0);
  });
});

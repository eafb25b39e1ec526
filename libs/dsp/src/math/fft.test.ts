import { describe, expect, it } from 'vitest';
import { Fft, hann } from './fft.ts';
import { naiveDft, seededRandom } from '../spectrum/test-signals.ts';

function randomVector(n: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: n }, () => random() - 0.5);
}

/** Largest |expected[k] - actual[binSlots[k]]| over both parts. */
function maxError(
  fft: Fft,
  expRe: Float64Array,
  expIm: Float64Array,
  re: Float64Array,
  im: Float64Array,
): number {
  let error = 0;
  for (let k = 0; k < fft.size; k++) {
    const p = fft.binSlots[k];
    error = Math.max(error, Math.abs(expRe[k] - re[p]), Math.abs(expIm[k] - im[p]));
  }
  return error;
}

describe('Fft', () => {
  it.each([4, 8, 16, 32, 64, 128])('matches a direct DFT at size %i', (n) => {
    const re = randomVector(n, n);
    const im = randomVector(n, n + 1);
    const [expRe, expIm] = naiveDft(re, im);
    const fft = new Fft(n);
    fft.transformToSlots(re, im);
    expect(maxError(fft, expRe, expIm, re, im)).toBeLessThan(1e-12);
  });

  it.each([512, 1024, 2048])('matches a direct DFT in natural order at size %i', (n) => {
    const re = randomVector(n, 7);
    const im = randomVector(n, 8);
    const [expRe, expIm] = naiveDft(re, im);
    new Fft(n).transform(re, im);
    for (let k = 0; k < n; k++) {
      expect(Math.abs(re[k] - expRe[k])).toBeLessThan(1e-9);
      expect(Math.abs(im[k] - expIm[k])).toBeLessThan(1e-9);
    }
  });

  it('keeps a full-scale tone at its bin at size 16384', () => {
    const n = 16384;
    const bin = 1234;
    const re = Float64Array.from({ length: n }, (_, t) => Math.cos((2 * Math.PI * bin * t) / n));
    const im = new Float64Array(n);
    new Fft(n).transform(re, im);
    expect(re[bin]).toBeCloseTo(n / 2, 6);
    expect(re[n - bin]).toBeCloseTo(n / 2, 6);
    let rest = 0;
    for (let k = 0; k < n; k++)
      if (k !== bin && k !== n - bin) rest = Math.max(rest, Math.hypot(re[k], im[k]));
    expect(rest).toBeLessThan(1e-6);
  });

  it.each([
    [1024, 1024],
    [2048, 2048],
    [1024, 300],
  ])(
    'transformWindowed at size %i, window %i, equals windowing then transforming',
    (n, windowLength) => {
      const random = seededRandom(n + windowLength);
      const x = Float32Array.from({ length: 3 * n }, () => random() - 0.5);
      const y = Float32Array.from({ length: 3 * n }, () => random() - 0.5);
      const window = hann(windowLength);
      const xStart = 17;
      const yStart = n + 5;
      const expRe = new Float64Array(n);
      const expIm = new Float64Array(n);
      for (let i = 0; i < windowLength; i++) {
        expRe[i] = x[xStart + i] * window[i];
        expIm[i] = y[yStart + i] * window[i];
      }
      const [dftRe, dftIm] = naiveDft(expRe, expIm);
      const fft = new Fft(n);
      const re = new Float64Array(n).fill(9);
      const im = new Float64Array(n).fill(9);
      fft.transformWindowed(x, xStart, y, yStart, window, re, im);
      expect(maxError(fft, dftRe, dftIm, re, im)).toBeLessThan(1e-9);
    },
  );

  it('rejects sizes that are not powers of two', () => {
    expect(() => new Fft(12)).toThrow(RangeError);
  });
});

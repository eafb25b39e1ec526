import { describe, expect, it } from 'vitest';
import { Fft, hann } from '../dsp/fft.ts';
import { Radix4Fft } from './radix4-fft.ts';
import { seededRandom } from './test-signals.ts';

function naiveDft(re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < n; t++) {
      const angle = (-2 * Math.PI * k * t) / n;
      outRe[k] += re[t] * Math.cos(angle) - im[t] * Math.sin(angle);
      outIm[k] += re[t] * Math.sin(angle) + im[t] * Math.cos(angle);
    }
  }
  return [outRe, outIm];
}

function randomVector(n: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: n }, () => random() - 0.5);
}

/** Largest |expected[k] - actual[bitReversed[k]]| over both parts. */
function maxError(
  fft: Radix4Fft,
  expRe: Float64Array,
  expIm: Float64Array,
  re: Float64Array,
  im: Float64Array,
): number {
  let error = 0;
  for (let k = 0; k < fft.size; k++) {
    const p = fft.bitReversed[k];
    error = Math.max(error, Math.abs(expRe[k] - re[p]), Math.abs(expIm[k] - im[p]));
  }
  return error;
}

describe('Radix4Fft', () => {
  it.each([4, 8, 16, 32, 64, 128])('matches a direct DFT at size %i', (n) => {
    const re = randomVector(n, n);
    const im = randomVector(n, n + 1);
    const [expRe, expIm] = naiveDft(re, im);
    const fft = new Radix4Fft(n);
    fft.transformToBitReversed(re, im);
    expect(maxError(fft, expRe, expIm, re, im)).toBeLessThan(1e-12);
  });

  it.each([8192, 16384, 32768])('matches dsp/fft.ts at size %i', (n) => {
    const re = randomVector(n, 7);
    const im = randomVector(n, 8);
    const expRe = re.slice();
    const expIm = im.slice();
    new Fft(n).transform(expRe, expIm);
    const fft = new Radix4Fft(n);
    fft.transformToBitReversed(re, im);
    expect(maxError(fft, expRe, expIm, re, im)).toBeLessThan(1e-9);
  });

  it.each([
    [4096, 4096],
    [8192, 8192],
    [4096, 1000],
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
      new Fft(n).transform(expRe, expIm);
      const fft = new Radix4Fft(n);
      const re = new Float64Array(n).fill(9);
      const im = new Float64Array(n).fill(9);
      fft.transformWindowed(x, xStart, y, yStart, window, re, im);
      expect(maxError(fft, expRe, expIm, re, im)).toBeLessThan(1e-9);
    },
  );

  it('rejects sizes that are not powers of two', () => {
    expect(() => new Radix4Fft(12)).toThrow(RangeError);
  });
});

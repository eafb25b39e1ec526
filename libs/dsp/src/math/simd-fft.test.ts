// The SIMD backend as the measure workers install it: every Fft made afterwards in this file runs
// through PFFFT where the size allows.
import createPffft from '@echogarden/pffft-wasm/simd';
import { beforeAll, describe, expect, it } from 'vitest';
import { Fft, hann } from './fft.ts';
import { installSimdFft } from './simd-fft.ts';
import { naiveDft, seededRandom } from '../spectrum/test-signals.ts';

function randomFloats(n: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: n }, () => random() - 0.5);
}

/** Largest error at bin k (read through binSlots), relative to the largest expected magnitude. */
function relativeError(
  fft: Fft,
  [expRe, expIm]: [Float64Array, Float64Array],
  re: Float64Array,
  im: Float64Array,
): number {
  let error = 0;
  let scale = 0;
  for (let k = 0; k < fft.size; k++) {
    const p = fft.binSlots[k];
    error = Math.max(error, Math.abs(expRe[k] - re[p]), Math.abs(expIm[k] - im[p]));
    scale = Math.max(scale, Math.hypot(expRe[k], expIm[k]));
  }
  return error / scale;
}

beforeAll(async () => {
  installSimdFft(await createPffft());
});

describe('Fft with the SIMD backend', () => {
  it.each([32, 512, 2048])('matches a direct DFT to single precision at size %i', (n) => {
    const x = randomFloats(n, n);
    const y = randomFloats(n, n + 1);
    const fft = new Fft(n);
    // Natural order: there is no reordering to skip.
    expect(Array.from(fft.binSlots.subarray(0, 4))).toEqual([0, 1, 2, 3]);
    const re = Float64Array.from(x);
    const im = Float64Array.from(y);
    fft.transformToSlots(re, im);
    expect(
      relativeError(fft, naiveDft(Float64Array.from(x), Float64Array.from(y)), re, im),
    ).toBeLessThan(1e-6);
  });

  it('windows the samples and zero-pads a window shorter than the transform', () => {
    const n = 512;
    const x = randomFloats(1000, 1);
    const y = randomFloats(1000, 2);
    const window = hann(300);
    const inRe = new Float64Array(n);
    const inIm = new Float64Array(n);
    for (let i = 0; i < window.length; i++) {
      inRe[i] = x[100 + i] * window[i];
      inIm[i] = y[200 + i] * window[i];
    }
    const fft = new Fft(n);
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    fft.transformWindowed(x, 100, y, 200, window, re, im);
    expect(relativeError(fft, naiveDft(inRe, inIm), re, im)).toBeLessThan(1e-6);
  });

  it('leaves sizes below 32 to the radix-4 transform, in double precision', () => {
    const fft = new Fft(16);
    // Bit-reversed order: the radix-4 transform's.
    expect(fft.binSlots[1]).toBe(8);
    const re = Float64Array.from(randomFloats(16, 3));
    const im = Float64Array.from(randomFloats(16, 4));
    const expected = naiveDft(Float64Array.from(re), Float64Array.from(im));
    fft.transformToSlots(re, im);
    expect(relativeError(fft, expected, re, im)).toBeLessThan(1e-12);
  });
});

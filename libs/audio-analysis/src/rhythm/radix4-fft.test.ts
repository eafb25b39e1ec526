import { describe, expect, it } from 'vitest';
import { Radix4Fft } from './radix4-fft.ts';

/** Direct O(n²) DFT, the reference. */
function dft(re: Float64Array, im: Float64Array): { re: Float64Array; im: Float64Array } {
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
  return { re: outRe, im: outIm };
}

describe('Radix4Fft', () => {
  it.each([4, 8, 16, 32, 64, 512])('matches a direct DFT at size %i', (n) => {
    const re = Float64Array.from(
      { length: n },
      (_, i) => Math.sin(i * 1.7) + ((i * 7919) % 13) / 13,
    );
    const im = Float64Array.from(
      { length: n },
      (_, i) => Math.cos(i * 0.3) - ((i * 104729) % 7) / 7,
    );
    const expected = dft(re, im);
    new Radix4Fft(n).transform(re, im);
    for (let k = 0; k < n; k++) {
      expect(re[k]).toBeCloseTo(expected.re[k], 9);
      expect(im[k]).toBeCloseTo(expected.im[k], 9);
    }
  });

  it('rejects sizes that are not powers of two', () => {
    expect(() => new Radix4Fft(12)).toThrow(RangeError);
  });
});

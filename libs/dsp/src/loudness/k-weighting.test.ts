import { describe, expect, it } from 'vitest';
import type { BiquadCoefficients } from '../math/biquad.ts';
import { kWeightingFilters } from './k-weighting.ts';

/** Magnitude response of a biquad at frequency f, in dB. */
function gainDb(c: BiquadCoefficients, frequencyHz: number, sampleRate: number): number {
  const w = (2 * Math.PI * frequencyHz) / sampleRate;
  const magnitude = (k0: number, k1: number, k2: number) =>
    Math.hypot(
      k0 + k1 * Math.cos(w) + k2 * Math.cos(2 * w),
      k1 * Math.sin(w) + k2 * Math.sin(2 * w),
    );
  return 20 * Math.log10(magnitude(c.b0, c.b1, c.b2) / magnitude(1, c.a1, c.a2));
}

const kGainDb = (frequencyHz: number, sampleRate: number) => {
  const { shelf, highPass } = kWeightingFilters(sampleRate);
  return gainDb(shelf, frequencyHz, sampleRate) + gainDb(highPass, frequencyHz, sampleRate);
};

describe('K-weighting filters', () => {
  it('reproduce the 48 kHz coefficients of ITU-R BS.1770 to 1e-12', () => {
    const { shelf, highPass } = kWeightingFilters(48_000);
    const table = {
      shelf: {
        b0: 1.53512485958697,
        b1: -2.69169618940638,
        b2: 1.19839281085285,
        a1: -1.69065929318241,
        a2: 0.73248077421585,
      },
      highPass: { b0: 1, b1: -2, b2: 1, a1: -1.99004745483398, a2: 0.99007225036621 },
    };
    for (const key of ['b0', 'b1', 'b2', 'a1', 'a2'] as const) {
      expect(Math.abs(shelf[key] - table.shelf[key])).toBeLessThan(1e-12);
      expect(Math.abs(highPass[key] - table.highPass[key])).toBeLessThan(1e-12);
    }
  });

  it.each([44_100, 48_000, 88_200, 96_000, 192_000])('have the K curve at %d Hz', (sampleRate) => {
    // About +0.69 dB at 1 kHz (the reason for the -0.691 offset), +4 dB shelf, RLB high-pass.
    expect(kGainDb(1000, sampleRate)).toBeGreaterThan(0.66);
    expect(kGainDb(1000, sampleRate)).toBeLessThan(0.72);
    expect(Math.abs(kGainDb(10_000, sampleRate) - 4)).toBeLessThan(0.1);
    expect(kGainDb(20, sampleRate)).toBeLessThan(-12);
    expect(Math.abs(kGainDb(200, sampleRate))).toBeLessThan(0.5);
  });

  it('refuses a sample rate that is not positive', () => {
    expect(() => kWeightingFilters(0)).toThrow(RangeError);
  });
});

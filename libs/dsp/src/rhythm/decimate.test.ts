import { describe, expect, it } from 'vitest';
import { LIGHT_HALF_BAND, STEEP_HALF_BAND, halveRate, mixAndDecimate } from './decimate.ts';

function sine(length: number, cyclesPerSample: number, amplitude = 1, phase = 0): Float32Array {
  return Float32Array.from(
    { length },
    (_, i) => amplitude * Math.sin(2 * Math.PI * cyclesPerSample * i + phase),
  );
}

function rms(x: Float32Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i] * x[i];
  return Math.sqrt(sum / (to - from));
}

describe('half-band decimation', () => {
  it('passes a tone well inside the new band at unity gain', () => {
    const out = halveRate(sine(20_000, 0.05), STEEP_HALF_BAND);
    // A unit sine has RMS 1/√2; skip the filter's edges.
    expect(rms(out, 100, out.length - 100)).toBeCloseTo(Math.SQRT1_2, 3);
  });

  it('removes a tone above the new Nyquist frequency instead of aliasing it', () => {
    // 0.4 of the input rate would alias to 0.2 of it; the steep design is >= 85 dB down there.
    const out = halveRate(sine(20_000, 0.4), STEEP_HALF_BAND);
    const levelDb = 20 * Math.log10(rms(out, 100, out.length - 100) / Math.SQRT1_2);
    expect(levelDb).toBeLessThan(-80);
  });

  it('light design: flat low down, >= 60 dB down above 0.375 of the input rate', () => {
    const low = halveRate(sine(20_000, 0.02), LIGHT_HALF_BAND);
    expect(rms(low, 100, low.length - 100)).toBeCloseTo(Math.SQRT1_2, 3);
    const high = halveRate(sine(20_000, 0.45), LIGHT_HALF_BAND);
    expect(20 * Math.log10(rms(high, 100, high.length - 100) / Math.SQRT1_2)).toBeLessThan(-60);
  });

  it('mixes and decimates in chunks exactly as whole-signal stages do', () => {
    const length = 50_001;
    const left = Float32Array.from(
      { length },
      (_, i) => Math.sin(i * 0.013) + ((i * 7919) % 101) / 101 - 0.5,
    );
    const right = Float32Array.from({ length }, (_, i) => Math.cos(i * 0.031) * 0.5);
    const mono = Float32Array.from({ length }, (_, i) => (left[i] + right[i]) / 2);
    const expected = halveRate(halveRate(mono, LIGHT_HALF_BAND), STEEP_HALF_BAND);
    const { output, sumSquares } = mixAndDecimate(
      [left, right],
      [LIGHT_HALF_BAND, STEEP_HALF_BAND],
    );
    expect(output.length).toBe(expected.length);
    for (let i = 0; i < output.length; i++)
      expect(Math.abs(output[i] - expected[i])).toBeLessThan(1e-6);
    let direct = 0;
    for (const v of mono) direct += v * v;
    expect(sumSquares).toBeCloseTo(direct, 3);
  });

  it('without halvings it is the plain channel mean', () => {
    const a = Float32Array.from([1, 2, 3]);
    const b = Float32Array.from([3, 2, 1]);
    const { output, sumSquares } = mixAndDecimate([a, b], []);
    expect(Array.from(output)).toEqual([2, 2, 2]);
    expect(sumSquares).toBeCloseTo(12, 9);
  });
});

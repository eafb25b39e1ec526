import { describe, expect, it } from 'vitest';
import { forEachPowerSpectrum, frameCount } from './frame-spectra.ts';

/** Power spectrum of frame `frame` by the definition: periodic Hann window, direct DFT. */
function directPower(signal: Float32Array, size: number, hop: number, frame: number): number[] {
  const start = frame * hop - size / 2;
  const power: number[] = [];
  for (let k = 0; k <= size / 2; k++) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < size; i++) {
      const t = start + i;
      const x = t >= 0 && t < signal.length ? signal[t] : 0;
      const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
      re += x * w * Math.cos((2 * Math.PI * k * i) / size);
      im -= x * w * Math.sin((2 * Math.PI * k * i) / size);
    }
    power.push(re * re + im * im);
  }
  return power;
}

describe('forEachPowerSpectrum', () => {
  it('gives every frame, edges and an odd last one included, the spectrum a direct DFT gives', () => {
    const size = 64;
    const hop = 16;
    const signal = Float32Array.from(
      { length: 300 },
      (_, i) => Math.sin(i * 0.37) + 0.5 * Math.cos(i * 1.9) + ((i * 31) % 7) / 14,
    );
    const count = frameCount(signal.length, hop);
    expect(count % 2).toBe(1);
    const seen: number[] = [];
    forEachPowerSpectrum(signal, { size, hop }, (frame, power) => {
      seen.push(frame);
      const expected = directPower(signal, size, hop, frame);
      for (let k = 0; k <= size / 2; k++) expect(power[k]).toBeCloseTo(expected[k], 6);
    });
    expect(seen).toEqual(Array.from({ length: count }, (_, i) => i));
  });
});

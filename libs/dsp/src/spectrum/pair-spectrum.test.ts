import { describe, expect, it } from 'vitest';
import { pairSpectrum, pairSpectrumFromSums, sumPairFrames } from './pair-spectrum.ts';
import { seededRandom } from './test-signals.ts';

describe('a pair STFT shared out between threads', () => {
  it.each([2, 3, 5])('adds up to the same spectra in %i shares', (count) => {
    const random = seededRandom(count);
    const length = 44100 * 6;
    const left = Float32Array.from({ length }, () => random() - 0.5);
    const right = Float32Array.from({ length }, (_, i) => 0.5 * left[i] + 0.5 * (random() - 0.5));
    const whole = pairSpectrum(left, right, 44100);
    const shares = Array.from({ length: count }, (_, index) =>
      sumPairFrames(left, right, 44100, { index, count }),
    );
    const shared = pairSpectrumFromSums(shares, length, 44100);
    expect(shared.frameCount).toBe(whole.frameCount);
    for (const key of ['left', 'right', 'cross'] as const) {
      for (let k = 0; k < whole[key].length; k++) {
        expect(shared[key][k]).toBeCloseTo(whole[key][k], 12);
      }
    }
  });
});

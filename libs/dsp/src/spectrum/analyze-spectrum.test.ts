import { describe, expect, it } from 'vitest';
import type { BandName, SpectrumResult } from '@mixscope/contracts';
import type { AudioData } from '../audio-data.ts';
import { analyzeSpectrumAndStereo } from './analyze-spectrum.ts';
import { allFinite, scale, sine, whiteNoise } from './test-signals.ts';

const SR = 48000;

function share(spectrum: SpectrumResult, name: BandName): number | null {
  return spectrum.bands.find((b) => b.name === name)?.share ?? null;
}

describe('analyzeSpectrumAndStereo', () => {
  it('takes the spectrum of the mono sum (L+R)/2 of a stereo file', () => {
    // Left holds 100 Hz, right 1 kHz at twice the amplitude: the sum has 1/5 of its power in bass.
    const left = sine(SR * 3, SR, 100, 0.2);
    const right = sine(SR * 3, SR, 1000, 0.4);
    const { spectrum } = analyzeSpectrumAndStereo({
      sampleRate: SR,
      channels: [left, right],
      channelLabels: ['FL', 'FR'],
    });
    expect(share(spectrum, 'bass')).toBeCloseTo(0.2, 3);
    expect(share(spectrum, 'mids')).toBeCloseTo(0.8, 3);
    const level = spectrum.bands.find((b) => b.name === 'mids')?.levelDbfs;
    expect(level).toBeCloseTo(20 * Math.log10(0.2) - 3.01, 1);
  });

  it('says so when the mono sum cancels', () => {
    const x = whiteNoise(SR * 2, 1, 0.1);
    const { spectrum, stereo } = analyzeSpectrumAndStereo({
      sampleRate: SR,
      channels: [x, scale(x, -1)],
      channelLabels: ['FL', 'FR'],
    });
    expect(spectrum.bands.every((b) => b.share === null)).toBe(true);
    expect(spectrum.reasons.bands).toMatch(/cancels/);
    expect(stereo?.correlation).toBe(-1);
  });

  it('5.1: spectrum of the mean of the non-LFE channels, stereo on FL/FR, both noted', () => {
    const n = SR * 3;
    const silent = new Float32Array(n);
    const front = sine(n, SR, 3000, 0.5);
    const audio: AudioData = {
      sampleRate: SR,
      // FL, FR, FC, LFE, BL, BR: the LFE's 40 Hz must not reach the spectrum.
      channels: [front, front.slice(), sine(n, SR, 1000, 0.5), sine(n, SR, 40, 1), silent, silent],
      channelLabels: ['FL', 'FR', 'FC', 'LFE', 'BL', 'BR'],
    };
    const { spectrum, stereo } = analyzeSpectrumAndStereo(audio);
    // Mean of five channels: 1 kHz at 0.5/5, 3 kHz at 1.0/5, so power 1 : 4.
    expect(share(spectrum, 'mids')).toBeCloseTo(0.2, 3);
    expect(share(spectrum, 'highMids')).toBeCloseTo(0.8, 3);
    expect(share(spectrum, 'sub')).toBeLessThan(1e-6);
    expect(spectrum.reasons.channels).toMatch(/non-LFE/);
    expect(stereo?.correlation).toBe(1);
    expect(stereo?.reasons.channels).toMatch(/front pair \(FL, FR\)/);
    expect(allFinite({ spectrum, stereo })).toBe(true);
  });

  it('finds the front pair wherever the layout puts it', () => {
    const n = SR * 2;
    const left = whiteNoise(n, 2, 0.1);
    const { stereo } = analyzeSpectrumAndStereo({
      sampleRate: SR,
      channels: [sine(n, SR, 1000, 0.1), scale(left, 0.5), left],
      channelLabels: ['FC', 'FR', 'FL'],
    });
    expect(stereo?.balanceDb).toBeCloseTo(6.02, 2);
  });

  it('a layout without a front pair has no stereo section', () => {
    const n = SR;
    const { stereo, spectrum } = analyzeSpectrumAndStereo({
      sampleRate: SR,
      channels: [sine(n, SR, 1000), sine(n, SR, 50), sine(n, SR, 1000)],
      channelLabels: ['FC', 'LFE', 'BC'],
    });
    expect(stereo).toBeNull();
    expect(share(spectrum, 'mids')).toBeGreaterThan(0.999);
  });

  it('a mono file: spectrum of the one channel, no stereo section', () => {
    const result = analyzeSpectrumAndStereo({
      sampleRate: SR,
      channels: [sine(SR * 2, SR, 5000, 0.5)],
      channelLabels: ['FC'],
    });
    expect(result.stereo).toBeNull();
    expect(share(result.spectrum, 'highMids')).toBeGreaterThan(0.999);
  });

  it('frames an odd number of times without losing the last frame (mono frames go in pairs)', () => {
    // 3 hops of 8192 plus one window: frames at 0, 8192, 16384 and an end-aligned one, or an odd count.
    for (const length of [16384 + 8192 * 2, 16384 + 8192 * 3 + 100]) {
      const { spectrum } = analyzeSpectrumAndStereo({
        sampleRate: SR,
        channels: [sine(length, SR, 1000, 1)],
        channelLabels: ['FC'],
      });
      const level = spectrum.bands.find((b) => b.name === 'mids')?.levelDbfs ?? 0;
      expect(Math.abs(level - -3.01)).toBeLessThan(0.05);
    }
  });
});

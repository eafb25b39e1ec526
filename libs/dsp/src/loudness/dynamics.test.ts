import { describe, expect, it } from 'vitest';
import { measureDynamicRange, measureDynamics } from './dynamics.ts';
import { sine } from './test-signals.ts';

const SAMPLE_RATE = 48_000;

/** 1 kHz sine at 48 kHz: 48 samples a cycle, so samples land on the exact peaks. */
function tone(amplitude: number, sec: number): Float32Array {
  return sine(SAMPLE_RATE, 1000, amplitude, sec, 0, 0);
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('measureDynamics', () => {
  it('reads a full-scale sine at -3.01 dBFS RMS, 0 dBFS peak, 3.01 dB crest', () => {
    const x = tone(1, 6);
    const d = measureDynamics({
      sampleRate: SAMPLE_RATE,
      channels: [x, x],
      channelLabels: ['FL', 'FR'],
    });
    expect(d.samplePeakDbfs).toBeCloseTo(0, 6);
    expect(d.samplePeakPerChannelDbfs).toHaveLength(2);
    expect(d.rmsDbfs).toBeCloseTo(-10 * Math.log10(2), 4);
    expect(d.crestFactorDb).toBeCloseTo(10 * Math.log10(2), 4);
    // Block RMS √(2·mean x²) of a sine equals its peak: DR 0.
    expect(d.dynamicRangeDb).toBeCloseTo(0, 4);
  });

  it('takes RMS over all samples of all channels', () => {
    const loud = tone(1, 3);
    const quiet = tone(0.1, 3);
    const d = measureDynamics({
      sampleRate: SAMPLE_RATE,
      channels: [loud, quiet],
      channelLabels: ['FL', 'FR'],
    });
    expect(d.rmsDbfs).toBeCloseTo(10 * Math.log10((0.5 + 0.005) / 2), 4);
    expect(d.samplePeakPerChannelDbfs[1]).toBeCloseTo(-20, 4);
  });

  it('computes the TT DR value from 3 s blocks: second-highest peak over the loudest 20 % RMS', () => {
    // Ten 3 s blocks of sine at rising levels; spikes give blocks 2 and 5 a peak of 1.0, block 8 one of 0.95.
    const levels = [0.05, 0.1, 0.08, 0.2, 0.15, 0.3, 0.25, 0.12, 0.18, 0.22];
    const blocks = levels.map((a) => tone(a, 3));
    blocks[2][1000] = 1;
    blocks[5][2000] = -1;
    blocks[8][3000] = 0.95;
    const x = concat(blocks);
    // Loudest 20 % of 10 blocks = the two loudest (0.3 and 0.25); second-highest peak = 1.0.
    const rms = (a: Float32Array) => Math.sqrt((2 * a.reduce((s, v) => s + v * v, 0)) / a.length);
    const loudRms = Math.sqrt((rms(blocks[5]) ** 2 + rms(blocks[6]) ** 2) / 2);
    const expected = 20 * Math.log10(1 / loudRms);
    const d = measureDynamics({ sampleRate: SAMPLE_RATE, channels: [x], channelLabels: ['FC'] });
    expect(d.dynamicRangeDb).toBeCloseTo(expected, 6);
    expect(d.dynamicRangeDb).toBeCloseTo(20 * Math.log10(1 / Math.sqrt((0.09 + 0.0625) / 2)), 2);
    expect(
      measureDynamicRange({ sampleRate: SAMPLE_RATE, channels: [x], channelLabels: ['FC'] }),
    ).toBeCloseTo(expected, 6);
  });

  it('averages DR over channels and leaves out a partial last block', () => {
    const a = concat([tone(0.5, 3), tone(0.25, 3), tone(1, 1)]);
    const b = concat([tone(0.5, 6), tone(1, 1)]);
    // Channel a: peaks 0.5, 0.25; loudest block RMS 0.5 → DR 20·log10(0.25/0.5). Channel b: 0.
    const d = measureDynamics({
      sampleRate: SAMPLE_RATE,
      channels: [a, b],
      channelLabels: ['FL', 'FR'],
    });
    expect(d.dynamicRangeDb).toBeCloseTo((20 * Math.log10(0.25 / 0.5) + 0) / 2, 4);
  });

  it('gives null with reasons for silence and for files shorter than one DR block', () => {
    const silent = new Float32Array(SAMPLE_RATE * 4);
    const d = measureDynamics({
      sampleRate: SAMPLE_RATE,
      channels: [silent],
      channelLabels: ['FC'],
    });
    expect(d.samplePeakDbfs).toBeNull();
    expect(d.rmsDbfs).toBeNull();
    expect(d.crestFactorDb).toBeNull();
    expect(d.dynamicRangeDb).toBeNull();
    expect(d.reasons.samplePeakDbfs).toMatch(/silence/);
    expect(d.samplePeakPerChannelDbfs).toEqual([null]);

    const short = measureDynamics({
      sampleRate: SAMPLE_RATE,
      channels: [tone(0.5, 2)],
      channelLabels: ['FC'],
    });
    expect(short.rmsDbfs).not.toBeNull();
    expect(short.dynamicRangeDb).toBeNull();
    expect(short.reasons.dynamicRangeDb).toMatch(/3 s/);
  });
});

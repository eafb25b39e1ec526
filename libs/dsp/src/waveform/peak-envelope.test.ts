import { describe, expect, it } from 'vitest';
import { WAVEFORM_DETAIL_POINTS_PER_SEC, WAVEFORM_OVERVIEW_POINTS } from '@mixscope/contracts';
import type { AudioData } from '../audio-data.ts';
import { peakEnvelopes, waveformLevels } from './peak-envelope.ts';

const RATE = 48000;

function audio(channels: Float32Array[]): AudioData {
  return {
    sampleRate: RATE,
    channels,
    channelLabels: channels.map((_, i) => `c${i}`),
  };
}

function sine(seconds: number, amplitude: number, hz = 1000): Float32Array {
  return Float32Array.from(
    { length: Math.round(seconds * RATE) },
    (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / RATE),
  );
}

describe('peakEnvelopes', () => {
  it('gives a 0.5 sine a max of 0.5 and a min of -0.5 in every bucket', () => {
    const [detail] = peakEnvelopes(audio([sine(2, 0.5)]), [{ pointsPerSecond: 100 }]);
    const { min, max } = detail.channels[0];
    expect(max).toHaveLength(200);
    for (let i = 0; i < max.length; i++) {
      expect(max[i]).toBeCloseTo(0.5, 3);
      expect(min[i]).toBeCloseTo(-0.5, 3);
    }
  });

  it('gives silence zeros, not -0', () => {
    const [level] = peakEnvelopes(audio([new Float32Array(RATE)]), [{ pointsPerSecond: 100 }]);
    expect(level.channels[0].min.every((v) => Object.is(v, 0))).toBe(true);
    expect(level.channels[0].max.every((v) => Object.is(v, 0))).toBe(true);
  });

  it('puts an impulse at t into the bucket that covers t, and no other', () => {
    const samples = new Float32Array(3 * RATE);
    const atSec = 1.2345;
    samples[Math.round(atSec * RATE)] = 0.8;
    samples[Math.round(2.5 * RATE)] = -0.3;
    const [level] = peakEnvelopes(audio([samples]), [{ pointsPerSecond: 100 }]);
    const { min, max } = level.channels[0];
    const peaks = max.flatMap((v, i) => (v > 0 ? [i] : []));
    expect(peaks).toEqual([Math.floor(atSec * level.pointsPerSecond)]);
    expect(max[123]).toBe(0.8);
    const dips = min.flatMap((v, i) => (v < 0 ? [i] : []));
    expect(dips).toEqual([250]);
    expect(min[250]).toBe(-0.3);
  });

  it('keeps every channel apart', () => {
    const quiet = sine(1, 0.25);
    const loud = sine(1, 0.75);
    const silent = new Float32Array(RATE);
    const [level] = peakEnvelopes(audio([quiet, loud, silent]), [{ pointsPerSecond: 10 }]);
    expect(level.channels).toHaveLength(3);
    expect(Math.max(...level.channels[0].max)).toBeCloseTo(0.25, 3);
    expect(Math.max(...level.channels[1].max)).toBeCloseTo(0.75, 3);
    expect(Math.max(...level.channels[2].max)).toBe(0);
  });

  it('clamps to [-1, 1] and rounds to 4 decimals', () => {
    const samples = Float32Array.from([1.5, -2, 0.123456, -0.987654]);
    const [level] = peakEnvelopes({ ...audio([samples]), sampleRate: 4 }, [{ points: 4 }]);
    expect(level.channels[0].max).toEqual([1, -1, 0.1235, -0.9877]);
    expect(level.channels[0].min).toEqual([1, -1, 0.1235, -0.9877]);
  });

  it('computes several resolutions in one call', () => {
    const samples = sine(1.5, 0.5);
    const [coarse, fine] = peakEnvelopes(audio([samples]), [
      { points: 30 },
      { pointsPerSecond: 100 },
    ]);
    expect(coarse.channels[0].max).toHaveLength(30);
    expect(coarse.pointsPerSecond).toBeCloseTo(20, 9);
    expect(fine.channels[0].max).toHaveLength(150);
    expect(fine.pointsPerSecond).toBe(100);
    expect(coarse.durationSec).toBe(1.5);
    expect(fine.durationSec).toBe(1.5);
  });
});

describe('waveformLevels', () => {
  it('stores the overview with the contract’s point count and the detail at its rate', () => {
    // 10.005 s: the detail level ends on a partial bucket.
    const stereo = [sine(10.005, 0.5), sine(10.005, 0.5, 440)];
    const { overview, detail } = waveformLevels(audio(stereo));
    expect(overview.channels).toHaveLength(2);
    expect(detail.channels).toHaveLength(2);
    for (const channel of overview.channels) {
      expect(channel.min).toHaveLength(WAVEFORM_OVERVIEW_POINTS);
      expect(channel.max).toHaveLength(WAVEFORM_OVERVIEW_POINTS);
    }
    for (const channel of detail.channels) expect(channel.max).toHaveLength(1001);
    expect(detail.pointsPerSecond).toBe(WAVEFORM_DETAIL_POINTS_PER_SEC);
    expect(overview.pointsPerSecond * overview.durationSec).toBeCloseTo(
      WAVEFORM_OVERVIEW_POINTS,
      9,
    );
  });

  it('gives a file shorter than the overview one point per sample', () => {
    const { overview, detail } = waveformLevels({
      ...audio([Float32Array.from([0.1, -0.2, 0.3])]),
      sampleRate: 8000,
    });
    expect(overview.channels[0].max).toEqual([0.1, -0.2, 0.3]);
    expect(detail.channels[0].max).toEqual([0.3]);
    expect(detail.channels[0].min).toEqual([-0.2]);
  });

  it('gives an empty file empty envelopes', () => {
    const { overview } = waveformLevels(audio([new Float32Array(0)]));
    expect(overview).toEqual({
      durationSec: 0,
      pointsPerSecond: 0,
      channels: [{ min: [], max: [] }],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { oversamplingFactor, oversamplingFilter } from './oversampling-filter.ts';
import { sine } from './test-signals.ts';
import { measureTruePeak } from './true-peak.ts';

/**
 * Every oversampled value computed, nothing skipped: the answer the fast path must reproduce.
 * Over events as documented: an over at least 1 ms after the previous event's start opens a new one.
 */
function bruteForce(x: Float32Array, sampleRate: number): { peak: number; overEvents: number } {
  const factor = oversamplingFactor(sampleRate);
  const { coefficients, tapsPerPhase: taps } = oversamplingFilter(factor);
  const eventLength = Math.round(0.001 * sampleRate * factor);
  let peak = 0;
  let overEvents = 0;
  let nextEventAt = -Infinity;
  const visit = (value: number, q: number) => {
    peak = Math.max(peak, value);
    if (value > 1 + 1e-9 && q >= nextEventAt) {
      overEvents++;
      nextEventAt = q + eventLength;
    }
  };
  for (let n = 0; n < x.length; n++) {
    visit(Math.abs(x[n]), n * factor);
    for (let p = 1; p < factor; p++) {
      let acc = 0;
      for (let k = 0; k < taps; k++) {
        const at = n - taps / 2 + 1 + k;
        if (at >= 0 && at < x.length) acc += coefficients[(p - 1) * taps + k] * x[at];
      }
      visit(Math.abs(acc), n * factor + p);
    }
  }
  return { peak, overEvents };
}

/** Deterministic pseudo-random numbers in [-1, 1). */
function noise(length: number, seed: number): Float32Array {
  let state = seed >>> 0;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 31 - 1;
  }
  return out;
}

/** Music-like test material: bass, mid tone, bright noise bursts, a hard-limited section. */
function mixture(sampleRate: number, sec: number): Float32Array {
  const n = Math.round(sampleRate * sec);
  const hiss = noise(n, 7);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / sampleRate;
    const burst = Math.floor(t * 4) % 3 === 0 ? 0.25 * hiss[i] : 0.02 * hiss[i];
    let v =
      0.5 * Math.sin(2 * Math.PI * 55 * t) + 0.3 * Math.sin(2 * Math.PI * 2300 * t + 1) + burst;
    if (t > sec / 2) v = Math.max(-0.9, Math.min(0.9, 1.6 * v));
    out[i] = v;
  }
  return out;
}

describe('true peak', () => {
  it.each([44_100, 48_000, 96_000])('equals interpolating every sample (%d Hz)', (sampleRate) => {
    const signals = [
      mixture(sampleRate, 3),
      noise(20_000, 3).map((v) => 0.7 * v),
      // Above full scale: the over threshold, not the running maximum, decides what is skipped.
      noise(20_000, 5).map((v, i) => (i % 5000 < 2500 ? 1.3 : 0.2) * v),
    ];
    for (const x of signals) {
      const result = measureTruePeak({ sampleRate, channels: [x], channelLabels: ['FC'] });
      const reference = bruteForce(x, sampleRate);
      expect(result.perChannelDbtp[0]).toBeCloseTo(20 * Math.log10(reference.peak), 9);
      expect(result.overs.count).toBe(reference.overEvents);
      if (x === signals[2]) expect(reference.overEvents).toBeGreaterThan(10);
    }
  });

  it.each([
    [44_100, 997],
    [44_100, 5_000],
    [44_100, 12_345],
    [44_100, 19_000],
    [48_000, 17_000],
    [96_000, 31_000],
  ])('reads a sine at its amplitude (%d Hz, %d Hz sine)', (sampleRate, frequencyHz) => {
    const amplitude = 0.8;
    for (const phaseDeg of [0, 33, 71]) {
      const x = sine(sampleRate, frequencyHz, amplitude, 1, phaseDeg);
      const { maxDbtp } = measureTruePeak({ sampleRate, channels: [x], channelLabels: ['FC'] });
      const error = (maxDbtp as number) - 20 * Math.log10(amplitude);
      expect(error).toBeLessThanOrEqual(0.2);
      expect(error).toBeGreaterThanOrEqual(-0.4);
    }
  });

  it('finds inter-sample peaks far above the sample peak', () => {
    // fs/4 at 45°: every sample is at 0.707 of the sine's peak.
    const x = sine(48_000, 12_000, 1, 1, 45);
    const result = measureTruePeak({
      sampleRate: 48_000,
      channels: [x, x],
      channelLabels: ['FL', 'FR'],
    });
    expect(result.maxDbtp as number).toBeGreaterThan(-0.1);
    expect(result.maxDbtp as number).toBeLessThan(0.1);
  });

  it('counts over events and gives their start times', () => {
    // 150 single cycles of a 1 kHz sine peaking at 1.1, 20 ms apart: both half-cycles of a cycle
    // go over within 1 ms, so each cycle is one event.
    const sampleRate = 48_000;
    const x = new Float32Array(Math.round(3.2 * sampleRate));
    const starts = Array.from({ length: 150 }, (_, k) => 0.1 + 0.02 * k);
    for (const start of starts) {
      const first = Math.round(start * sampleRate);
      for (let i = 0; i < 48; i++) x[first + i] = 1.1 * Math.sin((2 * Math.PI * i) / 48);
    }
    const result = measureTruePeak({ sampleRate, channels: [x, x], channelLabels: ['FL', 'FR'] });
    expect(result.overs.count).toBe(150 * 2);
    expect(result.overs.times).toHaveLength(100);
    expect(result.overs.times).toEqual([...result.overs.times].sort((a, b) => a - b));
    // The sine passes 1/1.1 of its peak asin(1/1.1)/(2π·1 kHz) into each cycle.
    const offset = Math.asin(1 / 1.1) / (2 * Math.PI * 1000);
    const grid = 1 / (oversamplingFactor(sampleRate) * sampleRate);
    for (let k = 0; k < 50; k++) {
      expect(Math.abs(result.overs.times[2 * k] - (starts[k] + offset))).toBeLessThan(2 * grid);
    }

    const strict = measureTruePeak(
      { sampleRate, channels: [x], channelLabels: ['FC'] },
      { overThresholdDbtp: 1 },
    );
    expect(strict.overs.count).toBe(0);
  });

  it('counts a sustained over once per millisecond', () => {
    // fs/4 at 45° and 1.41 FS: every sample at ±1.0, the sine between them at +3 dBTP.
    const sampleRate = 48_000;
    const x = sine(sampleRate, 12_000, 1.41, 1, 45);
    const result = measureTruePeak({ sampleRate, channels: [x], channelLabels: ['FC'] });
    // The 100 ms fades keep it below full scale for 0.1/1.41 s at each end.
    const overDurationMs = 1000 * (1 - (2 * 0.1) / 1.41);
    expect(Math.abs(result.overs.count - overDurationMs)).toBeLessThan(3);
  });

  it('reports silence as null, not -Infinity', () => {
    const silent = new Float32Array(48_000);
    const x = sine(48_000, 1000, 0.5, 1);
    const result = measureTruePeak({
      sampleRate: 48_000,
      channels: [x, silent],
      channelLabels: ['FL', 'FR'],
    });
    expect(result.perChannelDbtp[1]).toBeNull();
    expect(result.maxDbtp).toBeCloseTo(20 * Math.log10(0.5), 1);
    const none = measureTruePeak({ sampleRate: 48_000, channels: [silent], channelLabels: ['FC'] });
    expect(none.maxDbtp).toBeNull();
    expect(none.overs).toEqual({ count: 0, times: [] });
  });

  it('oversamples to at least 192 kHz', () => {
    expect(oversamplingFactor(44_100)).toBe(5);
    expect(oversamplingFactor(48_000)).toBe(4);
    expect(oversamplingFactor(22_050)).toBe(9);
    expect(oversamplingFactor(88_200)).toBe(4);
    expect(oversamplingFactor(96_000)).toBe(2);
    expect(oversamplingFactor(192_000)).toBe(2);
    expect(oversamplingFactor(384_000)).toBe(1);
  });
});

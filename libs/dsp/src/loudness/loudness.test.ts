import { describe, expect, it } from 'vitest';
import { biquad } from '../math/biquad.ts';
import type { AudioData } from '../audio-data.ts';
import { channelWeights } from './channel-weights.ts';
import { kWeightingFilters } from './k-weighting.ts';
import { GATED_LOUDNESS_FIGURES, measureLoudness } from './loudness.ts';
import { toneSequence } from './test-signals.ts';

function noise(length: number, seed: number, amplitude: number): Float32Array {
  let state = seed >>> 0;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = amplitude * (state / 2 ** 31 - 1);
  }
  return out;
}

/** Noise whose level steps every second, so gating and LRA have something to do. */
function steppedNoise(sampleRate: number, sec: number, seed: number): Float32Array {
  const x = noise(Math.round(sampleRate * sec), seed, 1);
  const levels = [0.3, 0.05, 0.5, 0.0001, 0.2, 0.02, 0.4, 0.1];
  return x.map((v, i) => v * levels[Math.floor(i / sampleRate) % levels.length]);
}

/** BS.1770 the plain way: filter with the shared biquad routine, sum each window sample by sample. */
function referenceLoudness(audio: AudioData) {
  const { shelf, highPass } = kWeightingFilters(audio.sampleRate);
  const weights = channelWeights(audio.channels.length, audio.channelLabels);
  const n = audio.channels[0].length;
  const power = new Float64Array(n);
  audio.channels.forEach((x, c) => {
    const a = new Float64Array(n);
    const y = new Float64Array(n);
    biquad(x, a, shelf);
    biquad(a, y, highPass);
    for (let i = 0; i < n; i++) power[i] += weights[c] * y[i] * y[i];
  });
  const fs = audio.sampleRate;
  const windows = (sec: number) => {
    const out: number[] = [];
    for (let j = 0; Math.round((j * 0.1 + sec) * fs) <= n; j++) {
      const start = Math.round(j * 0.1 * fs);
      const end = Math.round((j * 0.1 + sec) * fs);
      let sum = 0;
      for (let i = start; i < end; i++) sum += power[i];
      out.push(sum / (end - start));
    }
    return out;
  };
  const lufs = (p: number) => -0.691 + 10 * Math.log10(p);
  const absoluteGate = 10 ** ((-70 + 0.691) / 10);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

  const blocks = windows(0.4).filter((p) => p > absoluteGate);
  const relativeGate = mean(blocks) / 10;
  const integrated = lufs(mean(blocks.filter((p) => p > relativeGate)));

  const shortTerm = windows(3).filter((p) => p > absoluteGate);
  const lraGate = mean(shortTerm) / 100;
  const kept = shortTerm
    .filter((p) => p > lraGate)
    .map(lufs)
    .sort((a, b) => a - b);
  const percentile = (q: number) => kept[Math.round((kept.length - 1) * q)];
  const lra = percentile(0.95) - percentile(0.1);

  // Maxima over every sample offset, from prefix sums of the per-sample power.
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + power[i];
  const maxWindow = (sec: number) => {
    const length = Math.round(sec * fs);
    let best = 0;
    for (let i = 0; i + length <= n; i++)
      best = Math.max(best, (prefix[i + length] - prefix[i]) / length);
    return lufs(best);
  };
  return { integrated, lra, momentaryMax: maxWindow(0.4), shortTermMax: maxWindow(3) };
}

describe('measureLoudness', () => {
  it.each([
    [44_100, ['FL', 'FR']],
    [48_000, ['FL', 'FR', 'FC', 'LFE', 'BL', 'BR']],
  ])('matches a plain sample-by-sample BS.1770 computation (%d Hz, %j)', (sampleRate, labels) => {
    const channels = labels.map((_, c) => steppedNoise(sampleRate, 12, 11 + c));
    const audio: AudioData = { sampleRate, channels, channelLabels: labels };
    const ours = measureLoudness(audio);
    const ref = referenceLoudness(audio);
    expect(ours.integratedLufs).toBeCloseTo(ref.integrated, 8);
    expect(ours.loudnessRangeLu).toBeCloseTo(ref.lra, 8);
    // Ours steps by 1 ms, the reference by one sample: the 1 ms grid can only miss a little.
    expect(ours.momentaryMaxLufs as number).toBeLessThanOrEqual(ref.momentaryMax + 1e-9);
    expect(ref.momentaryMax - (ours.momentaryMaxLufs as number)).toBeLessThan(0.02);
    expect(ours.shortTermMaxLufs as number).toBeLessThanOrEqual(ref.shortTermMax + 1e-9);
    expect(ref.shortTermMax - (ours.shortTermMaxLufs as number)).toBeLessThan(0.01);
    const gridMax = Math.max(...ours.curves.momentary.filter((v): v is number => v !== null));
    expect(ours.momentaryMaxLufs as number).toBeGreaterThanOrEqual(gridMax);
  });

  it('leaves out LFE and weights surrounds by 1.41', () => {
    const sampleRate = 48_000;
    const tone = toneSequence(sampleRate, [{ sec: 5, dbfs: -20 }]);
    const silent = new Float32Array(tone.length);
    const loudLfe = toneSequence(sampleRate, [{ sec: 5, dbfs: -3 }]);
    const withLfe = measureLoudness({
      sampleRate,
      channels: [tone, tone, silent, loudLfe, silent, silent],
      channelLabels: ['FL', 'FR', 'FC', 'LFE', 'BL', 'BR'],
    });
    const stereo = measureLoudness({
      sampleRate,
      channels: [tone, tone],
      channelLabels: ['FL', 'FR'],
    });
    expect(withLfe.integratedLufs).toBeCloseTo(stereo.integratedLufs as number, 9);

    const surroundOnly = measureLoudness({
      sampleRate,
      channels: [silent, silent, silent, tone, tone],
      channelLabels: ['FL', 'FR', 'FC', 'SL', 'SR'],
    });
    expect((surroundOnly.integratedLufs as number) - (stereo.integratedLufs as number)).toBeCloseTo(
      10 * Math.log10(1.41),
      9,
    );
  });

  it('gives the dual-mono fold-down of stereo files', () => {
    const sampleRate = 44_100;
    const x = steppedNoise(sampleRate, 6, 5);
    const silent = new Float32Array(x.length);
    const same = measureLoudness({ sampleRate, channels: [x, x], channelLabels: ['FL', 'FR'] });
    expect(same.monoFoldDownLufs).toBeCloseTo(same.integratedLufs as number, 9);

    // L only: the fold-down carries L/2 on both channels, 3.01 dB below the stereo reading.
    const leftOnly = measureLoudness({
      sampleRate,
      channels: [x, silent],
      channelLabels: ['FL', 'FR'],
    });
    expect((leftOnly.monoFoldDownLufs as number) - (leftOnly.integratedLufs as number)).toBeCloseTo(
      -10 * Math.log10(2),
      6,
    );

    const inverted = measureLoudness({
      sampleRate,
      channels: [x, x.map((v) => -v)],
      channelLabels: ['FL', 'FR'],
    });
    expect(inverted.integratedLufs).not.toBeNull();
    expect(inverted.monoFoldDownLufs).toBeNull();
    expect(inverted.reasons.monoFoldDownLufs).toMatch(/silent/);

    const mono = measureLoudness({ sampleRate, channels: [x], channelLabels: ['FC'] });
    expect(mono.monoFoldDownLufs).toBeNull();
    expect(mono.reasons.monoFoldDownLufs).toMatch(/two-channel/);
  });

  it('reports silence as null with a reason, never -Infinity or NaN', () => {
    const silent = new Float32Array(48_000 * 5);
    const m = measureLoudness({
      sampleRate: 48_000,
      channels: [silent, silent],
      channelLabels: ['FL', 'FR'],
    });
    for (const key of GATED_LOUDNESS_FIGURES) {
      expect(m[key]).toBeNull();
      expect(m.reasons[key]).toMatch(/silent/);
    }
    expect(m.curves.momentary.every((v) => v === null)).toBe(true);
    expect(JSON.stringify(m)).not.toMatch(/NaN|Infinity/);
  });

  it('has no integrated loudness under 400 ms and no short-term under 3 s', () => {
    const short = toneSequence(48_000, [{ sec: 0.39, dbfs: -20 }]);
    const m = measureLoudness({ sampleRate: 48_000, channels: [short], channelLabels: ['FC'] });
    expect(m.integratedLufs).toBeNull();
    expect(m.reasons.integratedLufs).toMatch(/400 ms/);
    expect(m.curves.momentary).toEqual([]);

    const twoSeconds = toneSequence(48_000, [{ sec: 2, dbfs: -20 }]);
    const t = measureLoudness({
      sampleRate: 48_000,
      channels: [twoSeconds],
      channelLabels: ['FC'],
    });
    expect(t.integratedLufs).not.toBeNull();
    expect(t.shortTermMaxLufs).toBeNull();
    expect(t.loudnessRangeLu).toBeNull();
    expect(t.reasons.shortTermMaxLufs).toMatch(/3 s/);
  });

  it('draws curves every 100 ms with null below -70 LUFS', () => {
    const sampleRate = 48_000;
    const x = toneSequence(sampleRate, [
      { sec: 4, dbfs: -20 },
      { sec: 4, dbfs: null },
      { sec: 4, dbfs: -20 },
    ]);
    const m = measureLoudness({ sampleRate, channels: [x, x], channelLabels: ['FL', 'FR'] });
    expect(m.curves.hopSec).toBe(0.1);
    expect(m.curves.momentaryStartSec).toBe(0.4);
    expect(m.curves.shortTermStartSec).toBe(3);
    expect(m.curves.momentary).toHaveLength(Math.floor((12 - 0.4) / 0.1 + 1e-9) + 1);
    expect(m.curves.shortTerm).toHaveLength(Math.floor((12 - 3) / 0.1 + 1e-9) + 1);
    // Window ending at 6 s lies wholly in the silence.
    expect(m.curves.momentary[Math.round((6 - 0.4) / 0.1)]).toBeNull();
    expect(m.curves.momentary[Math.round((2 - 0.4) / 0.1)]).toBeCloseTo(-20, 0);
  });
});

describe('channelWeights', () => {
  it('follows ffmpeg labels, and ffmpeg default layouts when labels are missing', () => {
    expect(channelWeights(6, ['FL', 'FR', 'FC', 'LFE', 'SL', 'SR'])).toEqual([
      1, 1, 1, 0, 1.41, 1.41,
    ]);
    expect(channelWeights(5, ['FL', 'FR', 'FC', 'BL', 'BR'])).toEqual([1, 1, 1, 1.41, 1.41]);
    expect(channelWeights(6, [])).toEqual([1, 1, 1, 0, 1.41, 1.41]);
    expect(channelWeights(2, ['C1', 'C2'])).toEqual([1, 1]);
  });
});

import { describe, expect, it } from 'vitest';
import { extractRhythmFeatures } from './rhythm-features.ts';
import { onsetBandBins } from './onset-envelope.ts';
import { estimateTempo } from './tempo.ts';
import { clicksAt, pulseTimes, stereo } from './test-signals.fixture.ts';

const RATE = 44_100;

describe('onset envelope', () => {
  it('splits the spectrum into contiguous bands that cover every bin but DC', () => {
    const bands = onsetBandBins(11_025, 512);
    expect(bands[0]).toBe(1);
    expect(bands[bands.length - 1]).toBe(256);
    for (let b = 0; b < bands.length / 2; b++) {
      expect(bands[2 * b + 1]).toBeGreaterThan(bands[2 * b]);
      if (b > 0) expect(bands[2 * b]).toBe(bands[2 * b - 1]);
    }
  });

  it('peaks at each click of a click train, within one frame', () => {
    const times = pulseTimes(120, 10);
    const features = extractRhythmFeatures(stereo(clicksAt(times, 10, RATE), RATE));
    const { onset, onsetRate } = features;
    for (const time of times.slice(1, -1)) {
      const centre = Math.round(time * onsetRate);
      let peak = centre - 5;
      for (let i = centre - 5; i <= centre + 5; i++) if (onset[i] > onset[peak]) peak = i;
      expect(Math.abs(peak / onsetRate - time)).toBeLessThanOrEqual(1.5 / onsetRate);
    }
    // Between clicks the envelope is quiet: no rise, no flux.
    const between = Math.round((times[3] + 0.25) * onsetRate);
    expect(onset[between]).toBeLessThan(0.01 * Math.max(...onset));
  });

  it.each([
    [100, 20],
    [150, 20],
    [72, 30],
  ])('a click train at %i BPM (%i s) reads its tempo, with beats on the clicks', (bpm, seconds) => {
    const times = pulseTimes(bpm, seconds);
    const tempo = estimateTempo(
      extractRhythmFeatures(stereo(clicksAt(times, seconds, RATE), RATE)),
    );
    expect(tempo.bpm).not.toBeNull();
    expect(Math.abs((tempo.bpm ?? 0) / bpm - 1)).toBeLessThan(0.01);
    expect(tempo.confidence).toBeGreaterThan(0.5);
    expect(tempo.beats.length).toBeGreaterThanOrEqual(times.length - 2);
    for (const beat of tempo.beats) {
      const nearest = Math.min(...times.map((t) => Math.abs(t - beat)));
      expect(nearest).toBeLessThan(0.02);
    }
  });
});

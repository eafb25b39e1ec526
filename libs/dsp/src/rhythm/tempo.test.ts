import { describe, expect, it } from 'vitest';
import { extractRhythmFeatures } from './rhythm-features.ts';
import { estimateTempo } from './tempo.ts';
import { tempoStability } from './tempo-stability.ts';
import { clicksAt, noiseSource, pulseTimes, stereo } from './test-signals.fixture.ts';

const RATE = 44_100;

function tempoOf(mono: Float32Array) {
  return estimateTempo(extractRhythmFeatures(stereo(mono, RATE)));
}

describe('estimateTempo', () => {
  it('reports no tempo for digital silence, with reasons', () => {
    const tempo = tempoOf(new Float32Array(10 * RATE));
    expect(tempo).toMatchObject({ bpm: null, confidence: null, stability: null, beats: [] });
    expect(tempo.reasons.bpm).toMatch(/silent/);
  });

  it('reports no tempo for audio shorter than 6 s', () => {
    const tempo = tempoOf(clicksAt(pulseTimes(120, 4), 4, RATE));
    expect(tempo.bpm).toBeNull();
    expect(tempo.reasons.bpm).toMatch(/shorter than 6 s/);
  });

  it('finds no confident pulse in steady white noise', () => {
    const next = noiseSource(99);
    const tempo = tempoOf(Float32Array.from({ length: 20 * RATE }, () => 0.3 * next()));
    if (tempo.bpm !== null) expect(tempo.confidence).toBeLessThan(0.3);
    else expect(tempo.reasons.bpm).toMatch(/no steady pulse/);
  });

  it('takes the beat, not the bar, when every fourth click is accented', () => {
    const times = pulseTimes(110, 20);
    const gains = times.map((_, i) => (i % 4 === 0 ? 0.9 : 0.4));
    const tempo = tempoOf(clicksAt(times, 20, RATE, gains));
    expect(Math.abs((tempo.bpm ?? 0) / 110 - 1)).toBeLessThan(0.01);
  });

  it('reads a drifting click train as less stable than a steady one, and reports its middle tempo', () => {
    const steady = tempoOf(clicksAt(pulseTimes(100, 30), 30, RATE));
    const drifting = tempoOf(clicksAt(pulseTimes(92, 30, 112), 30, RATE));
    expect(steady.stability).toBeGreaterThan(0.9);
    expect(drifting.stability).toBeLessThan(0.5);
    expect(drifting.bpm).toBeGreaterThan(96);
    expect(drifting.bpm).toBeLessThan(108);
  });
});

describe('tempoStability', () => {
  it('is 1 for perfectly even beats and falls as the local tempo spreads', () => {
    const even = Array.from({ length: 60 }, (_, i) => i * 0.5);
    expect(tempoStability(even, 30).stability).toBeCloseTo(1, 6);
    // Tempo ramping linearly from 100 to 120 BPM: local tempi spread by several percent.
    const ramp: number[] = [];
    for (let t = 0, i = 0; t < 30; i++) {
      ramp.push(t);
      t += 60 / (100 + (20 * i) / 55);
    }
    const { stability, localBpm } = tempoStability(ramp, 30);
    expect(stability).toBeLessThan(0.3);
    expect(Math.min(...localBpm)).toBeLessThan(104);
    expect(Math.max(...localBpm)).toBeGreaterThan(114);
  });

  it('gives a reason instead of a figure when there are too few beats', () => {
    const result = tempoStability([0, 1, 2], 3);
    expect(result.stability).toBeNull();
    expect(result.reason).toMatch(/too few beats/);
  });
});

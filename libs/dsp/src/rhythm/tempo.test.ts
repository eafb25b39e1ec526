import { describe, expect, it } from 'vitest';
import { extractRhythmFeatures } from './rhythm-features.ts';
import { estimateTempo } from './tempo.ts';
import { tempoStability } from './tempo-stability.ts';
import { clicksAt, drumPattern, noiseSource, pulseTimes, stereo } from './test-signals.fixture.ts';

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

describe('estimateTempo: the metrical level', () => {
  const near = (bpm: number | null, truth: number) => Math.abs((bpm ?? 0) / truth - 1) <= 0.04;

  it.each([172, 176])(
    'reads a drum-and-bass two-step at %i BPM at the beat, not the bar (%i / 4)',
    (bpm) => {
      // Kick on 1 and the "and" of 3, snare on 2 and 4, eighth-note hats: 16 steps per bar.
      const audio = drumPattern(bpm, 30, RATE, {
        kick: 'x.........x.....',
        snare: '....x.......x...',
        hat: 'x.x.x.x.x.x.x.x.',
      });
      const tempo = tempoOf(audio);
      expect(near(tempo.bpm, bpm)).toBe(true);
      expect(tempo.bpm).toBeGreaterThan(60);
    },
  );

  it.each([172, 176])('never reads a plain click train at %i BPM below 60 BPM', (bpm) => {
    const tempo = tempoOf(clicksAt(pulseTimes(bpm, 30), 30, RATE));
    expect(tempo.bpm).toBeGreaterThan(60);
    expect([bpm, bpm / 2].some((level) => near(tempo.bpm, level))).toBe(true);
  });

  it('reads a 68 BPM ballad groove (kick 1 and 3, snare 2 and 4, eighth hats) at 68, not 136', () => {
    const audio = drumPattern(68, 40, RATE, {
      kick: 'x...x...',
      snare: '..x...x.',
      hat: 'xxxxxxxx',
    });
    expect(near(tempoOf(audio).bpm, 68)).toBe(true);
  });

  it('marks a tempo without any pulse worth the name as uncertain', () => {
    const next = noiseSource(7);
    const tempo = tempoOf(Float32Array.from({ length: 20 * RATE }, () => 0.3 * next()));
    expect(tempo.uncertain).toBe(true);
  });

  it('does not mark a steady groove as uncertain', () => {
    const audio = drumPattern(120, 20, RATE, {
      kick: 'x...x...',
      snare: '..x...x.',
      hat: 'xxxxxxxx',
    });
    const tempo = tempoOf(audio);
    expect(near(tempo.bpm, 120)).toBe(true);
    expect(tempo.uncertain).toBe(false);
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

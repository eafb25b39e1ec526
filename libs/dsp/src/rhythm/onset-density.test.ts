import { describe, expect, it } from 'vitest';
import { onsetsPerMinute } from './onset-density.ts';
import { extractRhythmFeatures } from './rhythm-features.ts';
import { clicksAt, drumPattern, pulseTimes, stereo } from './test-signals.fixture.ts';

const RATE = 44_100;

function densityOf(mono: Float32Array): number {
  const { onset, onsetRate } = extractRhythmFeatures(stereo(mono, RATE));
  return onsetsPerMinute(onset, onsetRate);
}

describe('onsetsPerMinute', () => {
  it('counts each click of a click train once', () => {
    expect(densityOf(clicksAt(pulseTimes(100, 20), 20, RATE))).toBeCloseTo(100, -1);
  });

  it('counts soft clicks between loud ones, as a listener hears them', () => {
    const times = pulseTimes(180, 20);
    const gains = times.map((_, i) => (i % 2 === 0 ? 0.9 : 0.3));
    expect(densityOf(clicksAt(times, 20, RATE, gains))).toBeCloseTo(180, -1);
  });

  it('reads a sixteenth-note groove as four times denser than its beat', () => {
    const audio = drumPattern(90, 20, RATE, {
      kick: 'x.......x.......',
      snare: '....x.......x...',
      hat: 'xxxxxxxxxxxxxxxx',
    });
    expect(densityOf(audio) / 90).toBeGreaterThan(3.5);
    expect(densityOf(audio) / 90).toBeLessThan(4.5);
  });

  it('is 0 for an empty envelope', () => {
    expect(onsetsPerMinute(new Float32Array(0), 86)).toBe(0);
    expect(onsetsPerMinute(new Float32Array(1000), 86)).toBe(0);
  });
});

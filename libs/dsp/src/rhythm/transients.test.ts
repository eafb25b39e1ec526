import { describe, expect, it } from 'vitest';
import { extractRhythmFeatures } from './rhythm-features.ts';
import { analyzeTransients } from './transients.ts';
import { clicksAt, pulseTimes, stereo } from './test-signals.fixture.ts';

const RATE = 44_100;

/**
 * Tones (220 Hz and its octave) that swell in over `attackSec` along a raised cosine, hold, then
 * fade out over 80 ms the same way (so the end makes no click of its own). A raised-cosine rise
 * over T crosses 10 % at 0.2048·T and 90 % at 0.7952·T: its 10-90 % time is 0.5903·T.
 */
function swells(times: number[], attackSec: number, durationSec: number): Float32Array {
  const out = new Float32Array(Math.round(durationSec * RATE));
  const fade = Math.round(0.08 * RATE);
  for (const time of times) {
    const start = Math.round(time * RATE);
    const length = Math.round((attackSec + 0.15) * RATE) + fade;
    for (let i = 0; i < length && start + i < out.length; i++) {
      const t = i / RATE;
      const tail = length - i;
      const release = tail < fade ? 0.5 - 0.5 * Math.cos((Math.PI * tail) / fade) : 1;
      const rise = t < attackSec ? 0.5 - 0.5 * Math.cos((Math.PI * t) / attackSec) : 1;
      const envelope = rise * release;
      out[start + i] +=
        0.5 * envelope * (Math.sin(2 * Math.PI * 220 * t) + 0.5 * Math.sin(2 * Math.PI * 440 * t));
    }
  }
  return out;
}

function transientsOf(mono: Float32Array, fromSec = 0, toSec = mono.length / RATE) {
  const audio = stereo(mono, RATE);
  return analyzeTransients(audio, extractRhythmFeatures(audio), { fromSec, toSec });
}

describe('analyzeTransients', () => {
  it('counts a click train at its rate and reads its attacks as sharp', () => {
    const result = transientsOf(clicksAt(pulseTimes(240, 12), 12, RATE));
    expect(result.onsetDensityPerSec).toBeGreaterThan(3.7);
    expect(result.onsetDensityPerSec).toBeLessThan(4.2);
    expect(result.medianAttackMs).toBeLessThan(5);
    expect(result.attackSharpness).toBeGreaterThan(0.9);
  });

  it('times a 200 ms raised-cosine swell at its 10-90 % rise, 0.5903 × 200 ms, and reads it as soft', () => {
    const times = Array.from({ length: 16 }, (_, i) => 0.2 + i * 0.6);
    const result = transientsOf(swells(times, 0.2, 10));
    expect(result.onsetDensityPerSec).toBeGreaterThan(1.4);
    expect(result.onsetDensityPerSec).toBeLessThan(1.8);
    expect(result.medianAttackMs).toBeGreaterThan(0.5903 * 200 - 10);
    expect(result.medianAttackMs).toBeLessThan(0.5903 * 200 + 10);
    expect(result.attackSharpness).toBeLessThan(0.5);
  });

  it('orders sharpness: clicks > 30 ms swells > 150 ms swells', () => {
    const times = Array.from({ length: 12 }, (_, i) => 0.2 + i * 0.7);
    const clicks = transientsOf(clicksAt(times, 9, RATE));
    const medium = transientsOf(swells(times, 0.03, 9));
    const slow = transientsOf(swells(times, 0.15, 9));
    expect(clicks.attackSharpness).toBeGreaterThan(medium.attackSharpness);
    expect(medium.attackSharpness).toBeGreaterThan(slow.attackSharpness);
    expect(clicks.medianAttackMs ?? 0).toBeLessThan(medium.medianAttackMs ?? 0);
    expect(medium.medianAttackMs ?? 0).toBeLessThan(slow.medianAttackMs ?? 0);
  });

  it('only looks at the requested range and reports it', () => {
    // Clicks only in the first 5 s of 10.
    const mono = clicksAt(pulseTimes(120, 5), 10, RATE);
    const late = transientsOf(mono, 5.5, 10);
    expect(late.onsetDensityPerSec).toBe(0);
    expect(late.medianAttackMs).toBeNull();
    expect(late.reasons.medianAttackMs).toMatch(/no onsets/);
    expect(late).toMatchObject({ analyzedFromSec: 5.5, analyzedToSec: 10 });
    const early = transientsOf(mono, 0, 5);
    expect(early.onsetDensityPerSec).toBeGreaterThan(1.6);
  });

  it('reports nothing measurable for a range shorter than 1 s', () => {
    const result = transientsOf(clicksAt([0.1], 3, RATE), 1, 1.5);
    expect(result.medianAttackMs).toBeNull();
    expect(result.reasons.medianAttackMs).toMatch(/shorter than 1 s/);
  });
});

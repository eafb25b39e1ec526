import { describe, expect, it } from 'vitest';
import { extractRhythmFeatures } from '../rhythm/rhythm-features.ts';
import { addNote, drumPattern, stereo } from '../rhythm/test-signals.fixture.ts';
import { PITCH_CLASSES, estimateKey } from './key.ts';
import { mirexKeyScore, parseKeyLabel } from './key-score.ts';

const RATE = 44_100;

/** Block chords (one per `chordSec`) over their root an octave and more below. MIDI note numbers. */
function progression(chords: number[][], chordSec = 1): Float32Array {
  const out = new Float32Array(Math.round(chords.length * chordSec * RATE));
  chords.forEach((chord, i) => {
    for (const note of chord) addNote(out, RATE, note, i * chordSec, chordSec, 0.12);
    addNote(out, RATE, chord[0] - 24, i * chordSec, chordSec, 0.2);
  });
  return out;
}

function keyOf(mono: Float32Array) {
  return estimateKey(extractRhythmFeatures(stereo(mono, RATE)));
}

const key = (label: string) => {
  const parsed = parseKeyLabel(label, PITCH_CLASSES);
  if (!parsed) throw new Error(`bad key label ${label}`);
  return parsed;
};

describe('mirexKeyScore', () => {
  it.each([
    ['C major', 'C major', 1],
    ['G major', 'C major', 0.5],
    ['F major', 'C major', 0.5],
    ['A minor', 'C major', 0.3],
    ['C minor', 'C major', 0.2],
    ['D major', 'C major', 0],
    ['C major', 'A minor', 0.3],
    ['E minor', 'A minor', 0.5],
    ['A major', 'A minor', 0.2],
    ['F# minor', 'A minor', 0],
  ])('scores %s against %s as %f', (estimate, truth, score) => {
    expect(mirexKeyScore(key(estimate), key(truth))).toBe(score);
  });
});

describe('estimateKey', () => {
  // C4 = 60. I-IV-V-I and vi-ii-V-I cadences in C; i-iv-V-i in A minor.
  const C = [60, 64, 67];
  const F = [65, 69, 72];
  const G = [67, 71, 74];
  const Am = [57, 60, 64];
  const Dm = [62, 65, 69];
  const E = [64, 68, 71];

  it('hears C major in I-IV-V-I and ii-V-I cadences', () => {
    const result = keyOf(progression([C, F, G, C, Am, Dm, G, C]));
    expect(result).toMatchObject({ tonic: 'C', mode: 'major', label: 'C major', reasons: {} });
    expect(result.confidence).toBeGreaterThan(0.5);
  });

  it('hears A minor in i-iv-V-i (with the raised leading tone G#)', () => {
    const result = keyOf(progression([Am, Dm, E, Am, Am, Dm, E, Am]));
    expect(result.label).toBe('A minor');
  });

  it('follows a transposition: the C major cadences up a tritone read F# major', () => {
    const up = (chord: number[]) => chord.map((n) => n + 6);
    expect(keyOf(progression([C, F, G, C, Am, Dm, G, C].map(up))).label).toBe('F# major');
  });

  it('hears C major in a scale that starts and ends on C over a C drone', () => {
    const out = new Float32Array(9 * RATE);
    [60, 62, 64, 65, 67, 69, 71, 72, 72].forEach((note, i) => addNote(out, RATE, note, i, 1, 0.2));
    addNote(out, RATE, 48, 0, 9, 0.1, 0.05);
    expect(keyOf(out).label).toBe('C major');
  });

  it('hears C major (or its relative A minor), not F major, under loud broadband drums', () => {
    const chords = [C, F, G, C, Am, Dm, G, C, C, F, G, C, Am, Dm, G, C];
    const harmony = progression(chords, 1.5);
    const drums = drumPattern(120, harmony.length / RATE, RATE, {
      kick: 'x...x...',
      snare: '..x...x.',
      hat: 'xxxxxxxx',
    });
    // Drums 3× the harmony's amplitude: their broadband noise reaches every pitch class.
    const mix = harmony.map((v, i) => v + 3 * drums[i]);
    const result = keyOf(mix);
    expect(['C major', 'A minor']).toContain(result.label);
  });

  it('marks a key read from a near-flat profile as uncertain', () => {
    // Whole-tone cluster: no diatonic key fits it well.
    const out = new Float32Array(6 * RATE);
    for (const note of [60, 62, 64, 66, 68, 70]) addNote(out, RATE, note, 0, 6, 0.1, 0.05);
    const result = keyOf(out);
    expect(result.label === null || result.uncertain).toBe(true);
  });

  it('does not mark clear cadences as uncertain', () => {
    expect(keyOf(progression([C, F, G, C, Am, Dm, G, C])).uncertain).toBe(false);
  });

  it('reports no key for silence or audio shorter than 2 s, with reasons', () => {
    const silent = keyOf(new Float32Array(5 * RATE));
    expect(silent).toMatchObject({ tonic: null, mode: null, confidence: null, label: null });
    expect(silent.reasons.label).toMatch(/silent/);
    const short = keyOf(progression([C], 1));
    expect(short.label).toBeNull();
    expect(short.reasons.label).toMatch(/shorter than 2 s/);
  });
});

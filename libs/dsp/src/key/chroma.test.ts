import { describe, expect, it } from 'vitest';
import { extractRhythmFeatures } from '../rhythm/rhythm-features.ts';
import { midiHz, stereo } from '../rhythm/test-signals.fixture.ts';

const RATE = 44_100;

function sines(frequencies: number[], seconds: number): Float32Array {
  return Float32Array.from({ length: seconds * RATE }, (_, i) =>
    frequencies.reduce((sum, f) => sum + 0.2 * Math.sin((2 * Math.PI * f * i) / RATE), 0),
  );
}

function meanChroma(mono: Float32Array): number[] {
  const { chroma, chromaFrameCount } = extractRhythmFeatures(stereo(mono, RATE));
  const total = new Array<number>(12).fill(0);
  for (let f = 0; f < chromaFrameCount; f++)
    for (let pc = 0; pc < 12; pc++) total[pc] += chroma[f * 12 + pc];
  return total;
}

function strongest(values: number[], count: number): number[] {
  return values
    .map((v, pc) => ({ v, pc }))
    .sort((a, b) => b.v - a.v)
    .slice(0, count)
    .map((x) => x.pc)
    .sort((a, b) => a - b);
}

describe('chroma', () => {
  it.each([
    [440, 9],
    [261.63, 0],
    [98, 7],
    [1318.5, 4],
  ])('puts a %f Hz sine in pitch class %i', (hz, pitchClass) => {
    const chroma = meanChroma(sines([hz], 3));
    expect(strongest(chroma, 1)).toEqual([pitchClass]);
    // Clearly: low notes spread to their neighbours (FFT bins are wide in semitones there), but
    // the right class still holds more than twice any other.
    const runnerUp = Math.max(...chroma.filter((_, pc) => pc !== pitchClass));
    expect(runnerUp).toBeLessThan(0.5 * chroma[pitchClass]);
  });

  it('puts a C major triad (C4 E4 G4) in C, E and G', () => {
    expect(strongest(meanChroma(sines([midiHz(60), midiHz(64), midiHz(67)], 3)), 3)).toEqual([
      0, 4, 7,
    ]);
  });
});

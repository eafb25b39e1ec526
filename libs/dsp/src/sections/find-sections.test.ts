import { describe, expect, it } from 'vitest';
import { analysisResultShape } from '@mixscope/contracts';
import type { AudioData } from '../audio-data.ts';
import { noiseSource } from '../rhythm/test-signals.fixture.ts';
import { findSections, groupRepeats, labelOf } from './find-sections.ts';

const RATE = 44100;

/** A soft chord pad (A minor, narrow) and a loud wide noise-and-kick part, in the given order. */
function song(parts: ('pad' | 'loud')[], partSec = 20): AudioData {
  const n = Math.round(partSec * RATE);
  const left = new Float32Array(n * parts.length);
  const right = new Float32Array(n * parts.length);
  const noise = noiseSource(7);
  parts.forEach((part, p) => {
    for (let i = 0; i < n; i++) {
      const t = i / RATE;
      const at = p * n + i;
      if (part === 'pad') {
        const pad = [220, 261.63, 329.63].reduce((s, f) => s + Math.sin(2 * Math.PI * f * t), 0);
        left[at] = 0.03 * pad;
        right[at] = 0.03 * pad;
      } else {
        const beat = t % 0.5;
        const kick = beat < 0.15 ? Math.sin(2 * Math.PI * 55 * beat) * Math.exp(-beat * 20) : 0;
        left[at] = 0.25 * noise() + 0.5 * kick;
        right[at] = 0.25 * noise() + 0.5 * kick;
      }
    }
  });
  return { sampleRate: RATE, channels: [left, right], channelLabels: ['FL', 'FR'] };
}

describe('findSections', () => {
  const { sections } = findSections(song(['pad', 'loud', 'pad']));

  it('finds the two boundaries of a pad / loud / pad song within 3 s', () => {
    expect(sections).not.toBeNull();
    const boundaries = sections!.slice(1).map((s) => s.startSec);
    expect(boundaries).toHaveLength(2);
    expect(Math.abs(boundaries[0] - 20)).toBeLessThanOrEqual(3);
    expect(Math.abs(boundaries[1] - 40)).toBeLessThanOrEqual(3);
    expect(sections![0].startSec).toBe(0);
    expect(sections![2].endSec).toBeCloseTo(60, 3);
  });

  it('labels the returning pad as a repeat of the first', () => {
    expect(sections!.map((s) => s.label)).toEqual(['A', 'B', 'A']);
    expect(sections![2].repeatOf).toBe(0);
    expect(sections![1].repeatOf).toBeUndefined();
    // Only A repeats, so it is the loudest repeating label even though B is louder.
    expect(sections!.map((s) => s.chorusLike)).toEqual([true, false, true]);
  });

  it('measures each section with the whole-file meters', () => {
    const [pad, loud] = sections!;
    expect(loud.loudness.integratedLufs! - pad.loudness.integratedLufs!).toBeGreaterThan(10);
    expect(pad.stereo!.correlation).toBeCloseTo(1, 2);
    expect(loud.stereo!.correlation).toBeLessThan(0.9);
    expect(loud.stereo!.widthScore!).toBeGreaterThan(pad.stereo!.widthScore!);
    expect(pad.bands.map((b) => b.name)).toEqual([
      'sub',
      'bass',
      'lowMids',
      'mids',
      'highMids',
      'air',
    ]);
    const loudSub = loud.bands.find((b) => b.name === 'sub')!.db!;
    const padLowMids = pad.bands.find((b) => b.name === 'lowMids')!.db!;
    expect(padLowMids).toBeGreaterThan(-3);
    expect(loudSub).toBeGreaterThan(-40);
  });

  it('fits the contract, and says why a mono file has no stereo figures', () => {
    expect(analysisResultShape.shape.sections.safeParse(sections).success).toBe(true);
    const pad = song(['pad']);
    const mono = findSections({ ...pad, channels: [pad.channels[0]], channelLabels: ['FC'] });
    expect(mono.sections![0].stereo).toBeNull();
    expect(mono.sections![0].reasons.stereo).toMatch(/mono/);
  });

  it('has no sections for a track shorter than two of the shortest', () => {
    const short = song(['pad'], 10);
    const result = findSections(short);
    expect(result.sections).toBeNull();
    expect(result.reason).toMatch(/shorter than 16 s/);
  });
});

describe('groupRepeats and labelOf', () => {
  it('groups close means and names groups A…Z, AA', () => {
    const at = (x: number) => Float32Array.of(x, 0);
    expect(groupRepeats([at(0), at(10), at(0.1), at(20), at(10.2)])).toEqual([0, 1, 0, 2, 1]);
    expect([0, 1, 25, 26, 27].map(labelOf)).toEqual(['A', 'B', 'Z', 'AA', 'AB']);
  });
});

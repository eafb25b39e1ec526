import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '@mixscope/contracts';
import { platformTable } from './platforms.ts';

const row = (id: string, integrated: number | null, truePeak: number | null) => {
  const found = platformTable(integrated, truePeak).find((r) => r.id === id);
  if (!found) throw new Error(`no platform ${id}`);
  return found;
};

describe('platformTable', () => {
  it('lists every platform of the data file, each with a source', () => {
    const ids = platformTable(-14, -1).map((r) => r.id);
    expect(ids).toEqual([
      'spotify',
      'youtube',
      'apple-music',
      'amazon-music',
      'tidal',
      'deezer',
      'soundcloud',
      'ebu-r128',
      'aes-td1008',
    ]);
    for (const spec of PLATFORMS) expect(spec.source).toMatch(/^https:\/\//);
  });

  it("raises a quiet track on Spotify only as far as -1 dBTP allows (Spotify's own example)", () => {
    // -20 LUFS with a -5 dBTP peak is lifted to -16 LUFS, not -14.
    const spotify = row('spotify', -20, -5);
    expect(spotify.gainDb).toBe(4);
    expect(spotify.resultingLufs).toBe(-16);
    expect(spotify.resultingTruePeakDbtp).toBe(-1);
    expect(spotify.truePeakLimitDbtp).toBe(-1);
    expect(spotify.exceedsTruePeakLimit).toBe(false);
  });

  it('applies the -2 dBTP limit to Spotify masters louder than -14 LUFS', () => {
    const loud = row('spotify', -8, -1.5);
    expect(loud.gainDb).toBe(-6);
    expect(loud.resultingLufs).toBe(-14);
    expect(loud.truePeakLimitDbtp).toBe(-2);
    // Turned down 6 dB, it plays at -7.5 dBTP: under the limit.
    expect(loud.resultingTruePeakDbtp).toBe(-7.5);
    expect(loud.exceedsTruePeakLimit).toBe(false);
    expect(row('spotify', -15, -1.5).exceedsTruePeakLimit).toBe(false);
    expect(row('spotify', -15, -0.5).exceedsTruePeakLimit).toBe(true);
    expect(row('spotify', -15, -1.5).truePeakLimitDbtp).toBe(-1);
  });

  it('turns down only on YouTube and Tidal, and does nothing on SoundCloud', () => {
    expect(row('youtube', -20, -3).gainDb).toBe(0);
    expect(row('youtube', -9, 0.5).gainDb).toBe(-5);
    expect(row('tidal', -18, -3).resultingLufs).toBe(-18);
    const soundcloud = row('soundcloud', -7.5, 1.2);
    expect(soundcloud.targetLufs).toBeNull();
    expect(soundcloud.gainDb).toBe(0);
    expect(soundcloud.resultingLufs).toBe(-7.5);
    expect(soundcloud.exceedsTruePeakLimit).toBeNull();
  });

  it('checks broadcast and AES limits after normalization', () => {
    const ebu = row('ebu-r128', -30, -5);
    expect(ebu.gainDb).toBe(7);
    expect(ebu.resultingLufs).toBe(-23);
    expect(ebu.resultingTruePeakDbtp).toBe(2);
    expect(ebu.exceedsTruePeakLimit).toBe(true);
    expect(row('ebu-r128', -10, 0.3).exceedsTruePeakLimit).toBe(false);
    expect(row('aes-td1008', -12, -0.2).resultingLufs).toBe(-16);
    expect(row('apple-music', -10, -0.5).gainDb).toBe(-6);
  });

  it('flags only a peak that plays over the limit after the gain (the reported -5.9 dBTP "over -1.0")', () => {
    const apple = row('apple-music', -10, 0.1);
    expect(apple.gainDb).toBe(-6);
    expect(apple.resultingTruePeakDbtp).toBe(-5.9);
    expect(apple.truePeakLimitDbtp).toBe(-1);
    expect(apple.exceedsTruePeakLimit).toBe(false);
    // Not turned down enough to get under it: over.
    expect(row('apple-music', -15.5, 0.1).exceedsTruePeakLimit).toBe(true);
    // Exactly at the limit as shown is not over.
    expect(row('apple-music', -16, -1).exceedsTruePeakLimit).toBe(false);
  });

  it('gives nulls, not numbers, without a loudness figure', () => {
    for (const r of platformTable(null, null)) {
      expect(r.gainDb).toBeNull();
      expect(r.resultingLufs).toBeNull();
      expect(r.resultingTruePeakDbtp).toBeNull();
      expect(r.exceedsTruePeakLimit).toBeNull();
    }
  });
});

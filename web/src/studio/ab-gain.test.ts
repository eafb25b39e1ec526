import { describe, expect, it } from 'vitest';
import { dbToGain, describeGain, gainToDb, loudnessMatchGains } from './ab-gain.ts';

describe('loudnessMatchGains', () => {
  it('turns the louder track down by the difference and leaves the quieter one alone', () => {
    const gains = loudnessMatchGains(-9.2, -11.5);
    expect(gains.aDb).toBeCloseTo(-2.3, 10);
    expect(gains).toMatchObject({ bDb: 0, matched: true });
    const reverse = loudnessMatchGains(-14, -8.5);
    expect(reverse.aDb).toBe(0);
    expect(reverse.bDb).toBeCloseTo(-5.5, 10);
  });

  it('applies no gain to tracks that are already equally loud', () => {
    expect(loudnessMatchGains(-10, -10)).toEqual({ aDb: 0, bDb: 0, matched: true });
  });

  it('matches nothing when a track has no integrated loudness', () => {
    expect(loudnessMatchGains(null, -10)).toEqual({ aDb: 0, bDb: 0, matched: false });
    expect(loudnessMatchGains(-10, null).matched).toBe(false);
  });

  it('makes both tracks play at the quieter loudness', () => {
    const a = -7.8;
    const b = -12.1;
    const gains = loudnessMatchGains(a, b);
    expect(a + gains.aDb).toBeCloseTo(b + gains.bDb, 10);
  });
});

describe('dB and linear gain', () => {
  it('convert into each other', () => {
    expect(dbToGain(0)).toBe(1);
    expect(dbToGain(-6.0206)).toBeCloseTo(0.5, 4);
    expect(gainToDb(dbToGain(-2.3))).toBeCloseTo(-2.3, 10);
  });
});

describe('describeGain', () => {
  it('says which track plays and at what gain', () => {
    expect(describeGain('Reference', -2.3, true)).toBe('Reference \u22122.3 dB (matched)');
    expect(describeGain('Mix', 0, true)).toBe('Mix 0.0 dB (matched)');
    expect(describeGain('Mix', 0, false)).toBe('Mix 0.0 dB (not matched)');
    expect(describeGain('Mix', 0, null)).toBe('Mix 0.0 dB');
  });
});

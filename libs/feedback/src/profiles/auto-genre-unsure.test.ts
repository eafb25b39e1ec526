import { describe, expect, it } from 'vitest';
import { BAND_NAMES } from '@mixscope/contracts';
import { bandsFromLevels, buildSection, buildSilentFile } from '@mixscope/contracts/testing';
import { measuredMix } from '@mixscope/dsp/testing';
import {
  AUTO_GENRE_FIT_LIMIT,
  AUTO_GENRE_MARGIN,
  candidatesWithin,
  pickProfileAutomatically,
} from './auto-genre.ts';
import { genreFeatures, sectionMedian } from './genre-features.ts';
import { findProfile, type GenreProfile } from './genre-profiles.ts';
import { selectProfile } from './select-profile.ts';
import { unionProfile } from './union-profile.ts';

const mid = (r: { min: number; max: number }) => (r.min + r.max) / 2;

/** A mix halfway between two profiles on every measure. */
function between(a: GenreProfile, b: GenreProfile) {
  const half = (pick: (p: GenreProfile) => { min: number; max: number }) =>
    (mid(pick(a)) + mid(pick(b))) / 2;
  const integrated = half((p) => p.integratedLufs);
  return measuredMix({
    loudness: {
      integratedLufs: integrated,
      truePeakDbtp: integrated + half((p) => p.plrDb),
      dynamicRangeDb: half((p) => p.dynamicRangeDb),
      loudnessRangeLu: half((p) => p.loudnessRangeLu),
    },
    spectrum: { bands: bandsFromLevels(BAND_NAMES.map((n) => half((p) => p.bandsDb.bands[n]))) },
    stereo: { widthScore: half((p) => p.widthScore) },
    tempo: null,
    reasons: { tempo: 'No steady pulse found' },
  });
}

describe('candidates within the margin', () => {
  const ranked = [
    { id: 'a', score: 0.1 },
    { id: 'b', score: 0.2 },
    { id: 'c', score: 0.3 },
    { id: 'd', score: 0.31 },
  ];

  it('keeps the best alone when the runner-up is at least the margin behind', () => {
    expect(candidatesWithin(ranked, 0.1).map((c) => c.id)).toEqual(['a']);
  });

  it('keeps every entry closer than the margin, at most the maximum', () => {
    expect(candidatesWithin(ranked, 0.15).map((c) => c.id)).toEqual(['a', 'b']);
    expect(candidatesWithin(ranked, 1, 1, 3).map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('keeps the closest ones when even the best fits poorly, however far behind the rest are', () => {
    const poor = [
      { id: 'a', score: 0.9 },
      { id: 'b', score: 1.5 },
      { id: 'c', score: 1.6 },
      { id: 'd', score: 1.7 },
    ];
    expect(candidatesWithin(poor, 0.25, 0.6).map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(candidatesWithin(poor, 0.25, 1).map((c) => c.id)).toEqual(['a']);
  });
});

describe('union of profiles', () => {
  const classical = findProfile('classical');
  const jazz = findProfile('jazz');
  const rock = findProfile('rock');

  it('spans every range of every candidate and keeps the laxest low-end floor', () => {
    const union = unionProfile([classical, rock]);
    for (const field of ['integratedLufs', 'plrDb', 'dynamicRangeDb', 'loudnessRangeLu'] as const) {
      expect(union[field].min).toBe(Math.min(classical[field].min, rock[field].min));
      expect(union[field].max).toBe(Math.max(classical[field].max, rock[field].max));
    }
    for (const band of BAND_NAMES) {
      const [c, r] = [classical.bandsDb.bands[band], rock.bandsDb.bands[band]];
      expect(union.bandsDb.bands[band]).toEqual({
        min: Math.min(c.min, r.min),
        max: Math.max(c.max, r.max),
      });
    }
    expect(union.lowEndCorrelationMin.sub).toBe(
      Math.min(classical.lowEndCorrelationMin.sub, rock.lowEndCorrelationMin.sub),
    );
    expect(union.id).toBe('classical');
    expect(union.name).toBe('Classical / orchestral or Rock');
  });

  it('has no tempo range when a candidate has none, and is the profile itself for one', () => {
    expect(unionProfile([rock, classical]).tempoBpm).toBeNull();
    expect(unionProfile([rock, findProfile('pop')]).tempoBpm).toMatchObject({ min: 90, max: 165 });
    expect(unionProfile([jazz])).toBe(jazz);
    expect(() => unionProfile([])).toThrow();
  });
});

describe('unsure automatic choice', () => {
  it('says "between" and judges against the union when two profiles fit about as well', () => {
    const classical = findProfile('classical');
    const jazz = findProfile('jazz');
    const auto = pickProfileAutomatically(between(classical, jazz));
    expect(auto.sure).toBe(false);
    expect(auto.candidates.map((c) => c.profile.id).sort()).toEqual(['classical', 'jazz']);
    expect(auto.candidates[1].score! - auto.candidates[0].score!).toBeLessThan(AUTO_GENRE_MARGIN);
    expect(auto.candidates[0].score!).toBeLessThan(AUTO_GENRE_FIT_LIMIT);
    expect(auto.reason).toMatch(
      /^auto: between (Classical \/ orchestral and Jazz|Jazz and Classical \/ orchestral)/,
    );
    expect(auto.profile.plrDb).toMatchObject({ min: 10, max: 25 });

    const { choice, profile } = selectProfile(between(classical, jazz), 'auto');
    expect(choice).toMatchObject({ chosenBy: 'auto', sure: false, name: profile.name });
    expect(choice.candidates).toHaveLength(2);
    expect(profile.loudnessRangeLu).toMatchObject({ min: 5, max: 22 });
  });

  it('is unsure when no profile fits well, even with a clear leader', () => {
    // An unmastered, static loop: quiet, wide peak-to-loudness ratio, almost no loudness range.
    const loop = measuredMix({
      loudness: { integratedLufs: -24, truePeakDbtp: -9, dynamicRangeDb: 13, loudnessRangeLu: 0.7 },
      spectrum: { bands: bandsFromLevels([-8, -2, -8, -13, -17, -22]) },
      tempo: { bpm: 172, confidence: 0.8, uncertain: false },
    });
    const auto = pickProfileAutomatically(loop);
    expect(auto.candidates[0].score!).toBeGreaterThan(AUTO_GENRE_FIT_LIMIT);
    expect(auto.sure).toBe(false);
    expect(auto.candidates).toHaveLength(3);
    expect(auto.reason).toMatch(/no profile fits well/);
  });

  it('is sure for a mix typical of one profile, and names only it', () => {
    const classical = findProfile('classical');
    const auto = pickProfileAutomatically(between(classical, classical));
    expect(auto.sure).toBe(true);
    expect(auto.candidates).toHaveLength(1);
    expect(auto.profile).toBe(classical);
  });

  it('judges against every profile when nothing could be measured', () => {
    const silent = buildSilentFile();
    const auto = pickProfileAutomatically(silent);
    expect(auto.sure).toBe(false);
    expect(auto.reason).toMatch(/^auto: no usable measurements/);
  });
});

describe('whole-track measures', () => {
  it('take the band balance as the duration-weighted median over the sections', () => {
    const quietBody = buildSection({ startSec: 0, endSec: 200, label: 'A' });
    quietBody.bands = quietBody.bands.map((b) => ({ ...b, db: b.name === 'sub' ? -20 : b.db }));
    const loudClimax = buildSection({ startSec: 200, endSec: 240, label: 'B' });
    loudClimax.bands = loudClimax.bands.map((b) => ({ ...b, db: b.name === 'sub' ? -3 : b.db }));
    expect(sectionMedian([quietBody, loudClimax], (s) => s.bands[0].db)).toBe(-20);
    const mix = measuredMix({
      spectrum: { bands: bandsFromLevels([-3, -6, -9, -12, -15, -18]) },
      sections: [quietBody, loudClimax],
    });
    const sub = genreFeatures(mix).find((f) => f.label === 'sub band');
    expect(sub?.value).toBe(-20);
  });

  it('leave an uncertain tempo out and keep a sure one', () => {
    const labels = (uncertain: boolean) =>
      genreFeatures(measuredMix({ tempo: { bpm: 90, confidence: 0.12, uncertain } })).map(
        (f) => f.label,
      );
    expect(labels(true)).not.toContain('tempo');
    expect(labels(false)).toContain('tempo');
  });
});

import { describe, expect, it } from 'vitest';
import { bandsFromLevels, type AnalysisResultOverrides } from '@mixscope/contracts/testing';
import { measuredMix } from '@mixscope/dsp/testing';
import { pickProfileAutomatically } from './auto-genre.ts';
import { BAND_NAMES } from '@mixscope/contracts';
import { findProfile, GENRE_PROFILES, type GenreProfile } from './genre-profiles.ts';
import { selectProfile } from './select-profile.ts';

const mid = (r: { min: number; max: number }) => (r.min + r.max) / 2;

/** A tempo section, or none (with its reason) for a genre without a typical tempo. */
function tempo(bpm: number | null): AnalysisResultOverrides {
  return bpm === null
    ? { tempo: null, reasons: { tempo: 'No steady pulse found' } }
    : { tempo: { bpm } };
}

/** A mix whose every measure sits at the middle of the profile's ranges. */
function typicalOf(profile: GenreProfile) {
  const integrated = mid(profile.integratedLufs);
  const bandDb = BAND_NAMES.map((b) => mid(profile.bandsDb.bands[b]));
  return measuredMix({
    loudness: {
      integratedLufs: integrated,
      truePeakDbtp: integrated + mid(profile.plrDb),
      dynamicRangeDb: mid(profile.dynamicRangeDb),
      loudnessRangeLu: mid(profile.loudnessRangeLu),
    },
    spectrum: { bands: bandsFromLevels(bandDb) },
    stereo: { widthScore: mid(profile.widthScore) },
    ...tempo(profile.tempoBpm ? mid(profile.tempoBpm) : null),
  });
}

describe('genre profiles', () => {
  it('cover the nine genres the product promises', () => {
    for (const name of [
      'pop',
      'rock',
      'hip-hop',
      'EDM',
      'electronic',
      'acoustic',
      'folk',
      'classical',
      'orchestral',
      'jazz',
      'metal',
      'R&B',
    ]) {
      expect(() => findProfile(name), name).not.toThrow();
    }
    expect(new Set(GENRE_PROFILES.map((p) => p.id)).size).toBe(9);
  });

  it('give every range a source and a sensible order', () => {
    for (const p of GENRE_PROFILES) {
      for (const range of [
        p.integratedLufs,
        p.plrDb,
        p.dynamicRangeDb,
        p.loudnessRangeLu,
        p.widthScore,
      ]) {
        expect(range.min, p.id).toBeLessThan(range.max);
        expect(range.source.length, p.id).toBeGreaterThan(40);
      }
      expect(p.bandsDb.source.length).toBeGreaterThan(40);
      expect(p.lowEndCorrelationMin.source.length).toBeGreaterThan(40);
      for (const band of BAND_NAMES)
        expect(p.bandsDb.bands[band].max, `${p.id} ${band}`).toBeLessThan(0);
      // PLR = true peak − loudness: a loud master with a 0 dBTP ceiling cannot reach a high PLR.
      expect(p.plrDb.min, p.id).toBeLessThanOrEqual(-p.integratedLufs.max + 1);
    }
  });

  it('resolve aliases regardless of case and spacing', () => {
    expect(findProfile('Hip Hop').id).toBe('hip-hop');
    expect(findProfile('r&b').id).toBe('rnb');
    expect(findProfile(' Drum and Bass ').id).toBe('electronic');
  });
});

describe('auto genre', () => {
  it.each(GENRE_PROFILES.map((p) => [p.id, p] as const))(
    'picks %s for a mix typical of it',
    (id, profile) => {
      const choice = pickProfileAutomatically(typicalOf(profile));
      expect(choice.candidates[0].profile.id).toBe(id);
      expect(choice.ranking[0].id).toBe(id);
      expect(choice.ranking[0].score).toBeLessThan(0.05);
    },
  );

  it('hears a sub-heavy, loud 86 BPM mix as hip-hop and a quiet, wide-range one as classical', () => {
    const hipHop = measuredMix({
      loudness: { integratedLufs: -7.5, truePeakDbtp: 0.5, dynamicRangeDb: 6, loudnessRangeLu: 4 },
      spectrum: { bands: bandsFromLevels([-2.5, -4, -13, -14, -20, -25]) },
      tempo: { bpm: 86 },
    });
    expect(pickProfileAutomatically(hipHop).candidates[0].profile.id).toBe('hip-hop');

    const classical = measuredMix({
      loudness: { integratedLufs: -21, truePeakDbtp: -2, dynamicRangeDb: 17, loudnessRangeLu: 15 },
      spectrum: { bands: bandsFromLevels([-12, -3, -8, -9, -16, -22]) },
      tempo: { bpm: 72 },
    });
    expect(pickProfileAutomatically(classical).candidates[0].profile.id).toBe('classical');
  });

  it('says how it decided', () => {
    const { reason } = selectProfile(typicalOf(findProfile('classical')), 'auto').choice;
    expect(reason).toMatch(
      /^auto: Classical \/ orchestral fits best \(mismatch 0\.0\d; next closest .+ beyond the 0\.25 margin; within the 0\.6 fit limit\), with \d+ of \d+ measures inside/,
    );
    expect(selectProfile(measuredMix(), undefined).choice.chosenBy).toBe('auto');
    expect(selectProfile(measuredMix(), 'jazz').choice).toMatchObject({
      id: 'jazz',
      chosenBy: 'user',
      sure: true,
    });
  });
});

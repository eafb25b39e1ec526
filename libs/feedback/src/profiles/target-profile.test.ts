import { describe, expect, it } from 'vitest';
import { BAND_NAMES, targetProfileSchema } from '@mixscope/contracts';
import {
  bandsFromShares,
  buildAnalysisResult,
  buildMonoFile,
  stereoBands,
} from '@mixscope/contracts/testing';
import { FeedbackError } from '../errors.ts';
import { evaluateRules } from '../rules/run-rules.ts';
import { buildRulesReport } from '../report/rules-report.ts';
import { buildTargetProfile, HALF_WIDTH_FLOOR, SPREAD_FACTOR } from './target-profile.ts';

const SHARES = [0.1, 0.3, 0.15, 0.25, 0.15, 0.05];

/** A reference at this integrated loudness, with the sub band's share scaled by `subScale`. */
function reference(label: string, integratedLufs: number, subScale = 1, width = 60) {
  const shares = SHARES.map((share, i) => (i === 0 ? share * subScale : share));
  const total = shares.reduce((sum, share) => sum + share, 0);
  return {
    label,
    result: buildAnalysisResult({
      file: { name: label },
      loudness: { integratedLufs, truePeakDbtp: integratedLufs + 9, dynamicRangeDb: 8 },
      spectrum: { bands: bandsFromShares(shares.map((share) => share / total)) },
      stereo: { widthScore: width, bands: stereoBands([0.95, 0.9, 0.8, 0.6, 0.5, 0.4]) },
    }),
  };
}

describe('buildTargetProfile', () => {
  const refs = [reference('a.wav', -10), reference('b.wav', -8), reference('c.wav', -9)];

  it('takes the mean of the references and a range of max(2·sd, floor, farthest) about it', () => {
    const profile = buildTargetProfile(refs);
    expect(() => targetProfileSchema.parse(profile)).not.toThrow();
    // -10, -8, -9: mean -9, sample sd 1, so the range is -9 ± 2.
    expect(profile.integratedLufs).toMatchObject({ mean: -9, sd: 1, count: 3, min: -11, max: -7 });
    expect(SPREAD_FACTOR).toBe(2);
    // PLR is 9 dB on all three: no spread, so the floor sets the range.
    expect(profile.plrDb).toMatchObject({ mean: 9, sd: 0 });
    expect(profile.plrDb.max - profile.plrDb.min).toBeCloseTo(2 * HALF_WIDTH_FLOOR.plrDb, 6);
    for (const name of BAND_NAMES) {
      const band = profile.bandsDb.bands[name];
      expect(band.max - band.min).toBeCloseTo(2 * HALF_WIDTH_FLOOR.bandDb, 1);
    }
    expect(profile.lowEndCorrelationMin).toMatchObject({ sub: 0.85, bass: 0.8 });
    expect(profile.name).toBe('your 3 references');
    expect(profile.basis).toEqual({ referenceCount: 3, references: ['a.wav', 'b.wav', 'c.wav'] });
  });

  it('keeps every reference inside its own ranges, however few they are', () => {
    const two = [reference('quiet.wav', -14, 0.5), reference('loud.wav', -6, 2)];
    const profile = buildTargetProfile(two, { name: 'Club refs' });
    for (const { result } of two) {
      const lufs = result.loudness.integratedLufs!;
      expect(lufs).toBeGreaterThanOrEqual(profile.integratedLufs.min);
      expect(lufs).toBeLessThanOrEqual(profile.integratedLufs.max);
      const sub = result.spectrum.bands[0].db!;
      expect(sub).toBeGreaterThanOrEqual(profile.bandsDb.bands.sub.min);
      expect(sub).toBeLessThanOrEqual(profile.bandsDb.bands.sub.max);
    }
    // Sub shares 0.05 and 0.2 of the spread-out spectrum: about 6 dB apart, so wider than the floor.
    const sub = profile.bandsDb.bands.sub;
    expect(sub.max - sub.min).toBeGreaterThan(2 * HALF_WIDTH_FLOOR.bandDb * 2);
    expect(profile.name).toBe('Club refs');
  });

  it('refuses fewer than two references and figures that too few of them measured', () => {
    expect(() => buildTargetProfile([refs[0]])).toThrow(/needs at least 2 references, got 1/);
    expect(() => buildTargetProfile([])).toThrow(FeedbackError);
    const mono = { label: 'voice.mp3', result: buildMonoFile() };
    expect(() => buildTargetProfile([refs[0], mono])).toThrow(
      /only 1 of 2 references measured a width score .*voice\.mp3/,
    );
  });

  it('is judged against like a genre, and the report names it', () => {
    const profile = buildTargetProfile(refs);
    const mix = reference('mix.wav', -9, 4).result;
    const { findings, selected } = evaluateRules(mix, { target: profile });
    expect(selected.choice).toMatchObject({ chosenBy: 'references', name: 'your 3 references' });
    expect(selected.choice.reason).toBe('target: from 3 references: a.wav, b.wav, c.wav');
    expect(findings[0].title).toBe('Target profile: your 3 references');
    const sub = findings.find((f) => f.id.startsWith('spectrum.') && /Sub/.test(f.title));
    expect(sub?.title).toBe('Sub heavy for your 3 references');
    const report = buildRulesReport(mix, findings, selected, 'no key');
    expect(report.summary).toContain(
      'Target profile your 3 references (target: from 3 references: a.wav',
    );
    expect(() => evaluateRules(mix, { target: profile, genre: 'pop' })).toThrow(/not both/);
  });
});

import { describe, expect, it } from 'vitest';
import type { Finding, ProcessingStep, Suggestion } from '@mixscope/contracts';
import { compareResults } from '@mixscope/dsp';
import {
  bandsFromShares,
  buildReferenceFor,
  buildSampleReport,
  withReference,
} from '@mixscope/contracts/testing';
import { measuredMix } from '@mixscope/dsp/testing';
import { evaluateRules } from '../rules/run-rules.ts';
import { referenceRule } from '../rules/reference.rule.ts';
import { spectralBalanceRule } from '../rules/spectral-balance.rule.ts';
import { stereoImageRule } from '../rules/stereo-image.rule.ts';
import { selectProfile } from '../profiles/select-profile.ts';
import { findFindingConflicts, findReportContradictions } from './contradictions.ts';
import { buildRulesReport } from './rules-report.ts';
import { movesInText } from './stated-moves.ts';

const suggestion = (action: string, detail = ''): Suggestion => ({
  priority: 'medium',
  area: 'spectrum',
  action,
  detail,
});
const eq = (frequencyHz: number, gainDb: number): ProcessingStep => ({
  type: 'eq',
  target: 'mix bus',
  settings: [
    { parameter: 'frequency', value: frequencyHz, unit: 'Hz' },
    { parameter: 'gain', value: gainDb, unit: 'dB' },
  ],
});
const kinds = (...suggestions: Suggestion[]) =>
  findReportContradictions(buildSampleReport({ suggestions, processing: [] })).map(
    (c) => `${c.kind} ${c.target}`,
  );

describe('the contradiction check on written reports', () => {
  it('catches the contradictions seen in real reports', () => {
    // The two actions of the issue: sub +3.5 dB and +4 dB at 60 Hz; mids −2 and −3 dB at 1 kHz.
    expect(
      kinds(
        suggestion('Boost about 3.5 dB with a low shelf at 60 Hz.'),
        suggestion('Boost about 4 dB around 60 Hz to move toward the reference.'),
      ),
    ).toEqual(['two-moves eq:sub']);
    const report = buildSampleReport({
      suggestions: [suggestion('Cut the mids by 2 dB at 1 kHz.')],
      processing: [eq(1000, -3)],
    });
    expect(findReportContradictions(report).map((c) => c.kind)).toEqual(['two-moves']);
    expect(findReportContradictions(report)[0].place).toEqual({ part: 'processing', index: 0 });
    expect(
      kinds(
        suggestion('Rein in stereo wideners and very wide reverbs, and check the mix in mono.'),
        suggestion('Widen the mids and highs (panning, stereo delays), not the low end.'),
      ),
    ).toEqual(['widen-and-narrow width:image']);
    expect(
      kinds(suggestion('Boost the air band by 2 dB.'), suggestion('Tame the 8 kHz region.')),
    ).toEqual(['boost-and-cut eq:air']);
  });

  it('holds a report to the moves the rules decided', () => {
    const report = buildSampleReport({
      suggestions: [suggestion('Cut the sub by 2 dB.')],
      processing: [],
    });
    const anchor = {
      topic: 'eq' as const,
      target: 'sub',
      direction: 'boost' as const,
      gainDb: 3,
      source: 'reference' as const,
      status: 'active' as const,
    };
    expect(findReportContradictions(report, [anchor]).map((c) => c.kind)).toEqual([
      'boost-and-cut',
    ]);
    expect(findReportContradictions(report, [{ ...anchor, status: 'overridden' }])).toEqual([]);
  });

  it('reads descriptions, negations and repeats as no move', () => {
    const place = { part: 'summary' } as const;
    for (const text of [
      'Width score 30 vs 45: narrower than the reference.',
      'Width score 8 is below 20 to 55 (Pop): the mix sounds narrow.',
      'Check stereo-widened bass and sub sources for polarity.',
      "Don't boost the sub any further.",
      'Lower the limiter ceiling to -1.0 dBTP.',
      'The bass band is 3 dB louder than the reference.',
      'Add a mid/side EQ lift on the sides above 2 kHz.',
      'The high-pass leaves the sub cut off below 30 Hz.',
    ])
      expect(movesInText(text, place), text).toEqual([]);
    expect(
      kinds(
        suggestion(
          'Cut about 2 dB with a low shelf at 60 Hz, or tame the sources that crowd this band.',
        ),
        suggestion('Cut about 2 dB around 60 Hz.'),
      ),
    ).toEqual([]);
    expect(movesInText('Make the low end mono below 100 Hz.', place)[0]).toMatchObject({
      topic: 'width',
      target: 'low end',
      direction: 'narrow',
    });
  });
});

describe('the contradiction check on findings', () => {
  const mix = measuredMix({ stereo: { widthScore: 80 } });
  // Sub 4 dB quieter than the reference, mids 3 dB louder, width 20 points narrower.
  const result = withReference(
    mix,
    buildReferenceFor(mix, [-4, 0, 0, 3, 0, 0], { stereo: { widthScore: 100 } }),
    compareResults,
  );
  const context = { result, profile: selectProfile(result, 'pop').profile, platforms: [] };

  it('flags what the rules say before reconciliation', () => {
    const raw: Finding[] = [
      ...spectralBalanceRule(context),
      ...stereoImageRule(context),
      ...referenceRule(context),
    ];
    const found = findFindingConflicts(raw, result.comparison).map((c) => `${c.kind} ${c.target}`);
    expect(found).toContain('widen-and-narrow width:image');
    expect(found).toContain('reference-unannotated width:image');
  });

  it('passes the reconciled findings, which say that the reference decides', () => {
    const { findings } = evaluateRules(result, { genre: 'pop' });
    expect(findFindingConflicts(findings, result.comparison)).toEqual([]);
    const width = findings.find((f) => f.id === 'stereo.width')!;
    expect(width.move).toMatchObject({ direction: 'narrow', status: 'overridden' });
    expect(width.message).toContain('overrides the Pop width range');
    expect(width.processing).toBeUndefined();
    const wider = findings.find((f) => f.id === 'reference.widthScore')!;
    expect(wider.move).toMatchObject({ direction: 'widen', status: 'active' });
    expect(wider.message).toContain(
      'This overrides the Pop width range, which points the other way.',
    );
  });

  it('flags an override that does not say so', () => {
    const { findings } = evaluateRules(result, { genre: 'pop' });
    const silent = findings.map((f) =>
      f.id === 'stereo.width' ? { ...f, message: 'Width score 80.' } : f,
    );
    expect(findFindingConflicts(silent, result.comparison).map((c) => c.kind)).toEqual([
      'reference-unannotated',
    ]);
  });
});

describe('stacked EQ moves on one band', () => {
  it('merge into one move with the reference’s gain', () => {
    // Sub 3.5 dB under the Pop range (-9 to -3 dB of the total) and 4 dB under the reference.
    const sub = 10 ** -1.25;
    const shares = [sub, 0.3, 0.15, 0.35 - sub, 0.15, 0.05];
    const mix = measuredMix({ spectrum: { bands: bandsFromShares(shares) } });
    const result = withReference(mix, buildReferenceFor(mix, [-4, 0, 0, 0, 0, 0]), compareResults);
    const { findings, selected } = evaluateRules(result, { genre: 'pop' });
    const onSub = findings.filter((f) => f.move?.topic === 'eq' && f.move.target === 'sub');
    expect(onSub.map((f) => [f.id, f.move!.gainDb, f.move!.status])).toEqual([
      ['reference.band.sub', 4, 'active'],
      ['spectrum.band.sub', 3.5, 'overridden'],
    ]);
    expect(onSub[0].message).toContain('which points the same way: one move');
    const report = buildRulesReport(result, findings, selected, 'test');
    const subSteps = report.processing.filter(
      (step) => step.type === 'eq' && step.settings[0].value === 60,
    );
    expect(subSteps.map((step) => step.settings[1].value)).toEqual([4]);
    expect(report.suggestions.filter((s) => /60 Hz/.test(s.action))).toHaveLength(1);
  });
});

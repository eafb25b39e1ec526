import { describe, expect, it } from 'vitest';
import { evaluateRules } from '../rules/run-rules.ts';
import { compareResults } from '@mixscope/dsp';
import {
  buildMonoFile,
  buildReferenceFor,
  stereoBands,
  withReference,
} from '@mixscope/contracts/testing';
import { measuredMix, withPlatformRows } from '@mixscope/dsp/testing';
import { groundedReport } from '../test-support/llm-replies.ts';
import { buildRulesReport } from './rules-report.ts';
import { validateReport } from './validate-report.ts';

function rulesReport(result = measuredMix(), why = 'GROQ_API_KEY is not set') {
  const { findings, selected } = evaluateRules(result, { genre: 'pop' });
  return buildRulesReport(result, findings, selected, why);
}

describe('rules report', () => {
  it('is a valid report that says why it is rules-based', () => {
    const report = rulesReport(measuredMix({ loudness: { truePeakDbtp: 0.8 }, issues: [] }));
    expect(validateReport(report)).toEqual({ valid: true, report });
    expect(report.summary).toMatch(
      /^Rules-based report \(GROQ_API_KEY is not set\)\. Genre profile Pop \(chosen\)/,
    );
    expect(report.summary).toContain('true peak +0.8 dBTP');
    expect(report.weaknesses[0]).toContain('True peak +0.8 dBTP');
    expect(report.suggestions[0]).toMatchObject({ priority: 'high', area: 'true-peak' });
    expect(report.processing[0].type).toBe('limiting');
    expect(report.referenceComparison).toBeNull();
  });

  it('puts passing checks under strengths and problems under weaknesses', () => {
    const report = rulesReport(
      measuredMix({ stereo: { bands: stereoBands([0.2, 0.95, 0.85, 0.7, 0.55, 0.45]) } }),
    );
    expect(report.weaknesses.some((w) => w.startsWith('Sub correlation 0.20'))).toBe(true);
    expect(report.strengths.some((s) => s.startsWith('Bass correlation'))).toBe(true);
    expect(report.stereoImage).toContain('Sub correlation 0.20');
  });

  it('covers a mono file and a reference comparison', () => {
    expect(rulesReport(buildMonoFile({}, withPlatformRows)).stereoImage).toBe(
      'Mono file: no stereo image to judge.',
    );
    const master = measuredMix();
    const reference = buildReferenceFor(master, [3, 0, 0, 0, 0, 0], { file: { name: 'ref.wav' } });
    const result = withReference(master, reference, compareResults);
    const report = rulesReport(result);
    expect(report.referenceComparison).toContain(
      'Loudness-matched to ref.wav, the sub band is 3.0 dB louder',
    );
    expect(validateReport(report).valid).toBe(true);
  });
});

describe('validateReport', () => {
  const good = groundedReport(measuredMix());

  it('names missing sections, bad enums and empty prose', () => {
    const { stereoImage: _s, ...missing } = good;
    expect(validateReport(missing)).toEqual({
      valid: false,
      errors: ['missing section stereoImage'],
    });
    const badPriority = { ...good, suggestions: [{ ...good.suggestions[0], priority: 'urgent' }] };
    expect(validateReport(badPriority)).toEqual({
      valid: false,
      errors: ['suggestions.0.priority must be one of high, medium, low'],
    });
    expect(validateReport({ ...good, summary: '  ' })).toEqual({
      valid: false,
      errors: ['section summary is empty'],
    });
    expect(validateReport({ ...good, extra: 1 }).valid).toBe(false);
  });

  it('accepts a complete report', () => {
    expect(validateReport(good)).toEqual({ valid: true, report: good });
  });
});

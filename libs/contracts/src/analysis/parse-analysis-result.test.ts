import { describe, expect, it } from 'vitest';
import {
  buildAnalysisResult,
  buildMonoFile,
  buildReferenceTrack,
  buildSection,
  buildSilentFile,
} from '../testing/analysis-results.fixture.ts';
import type { AnalysisResult, ComparisonResult } from './analysis-result.ts';
import { ContractError } from './contract-error.ts';
import { parseAnalysisResult, safeParseAnalysisResult } from './parse-analysis-result.ts';

/** A comparison written out by hand: computing one is libs/dsp's job, above this floor. */
function comparison(mix: AnalysisResult, reference: AnalysisResult): ComparisonResult {
  return {
    referenceName: reference.file.name,
    loudnessMatchGainDb: -0.8,
    deltas: [
      { metric: 'integratedLufs', mix: -8.7, reference: -7.9, delta: -0.8, unit: 'LUFS' },
      { metric: 'tempoBpm', mix: 124, reference: 126, delta: -2, unit: 'BPM' },
    ],
    bands: mix.spectrum.bands.map((band, i) => ({
      name: band.name,
      mixDb: band.levelDbfs,
      referenceDb: reference.spectrum.bands[i].levelDbfs,
      deltaDb: 0.5,
    })),
    reasons: {},
  };
}

function withReference(): AnalysisResult {
  const mix = buildAnalysisResult();
  const reference = buildReferenceTrack();
  return { ...mix, reference, comparison: comparison(mix, reference) };
}

/** What a client receives: the document after a JSON round trip, typed as the test reads it. */
function overTheWire<Json = unknown>(doc: AnalysisResult): Json {
  return JSON.parse(JSON.stringify(doc)) as Json;
}

/** The problems found, as "path: message" lines. */
function problems(doc: unknown): string[] {
  const parsed = safeParseAnalysisResult(doc);
  return parsed.success
    ? []
    : parsed.error.issues.map(({ path, message }) => `${path}: ${message}`);
}

describe('parseAnalysisResult', () => {
  it.each([
    ['stereo mix with reference and comparison', withReference],
    ['mono file with no stereo section', () => buildMonoFile()],
    ['silent file with null loudness', () => buildSilentFile()],
  ])('accepts a %s, in memory and over the wire', (_label, build) => {
    const doc = build();
    expect(parseAnalysisResult(doc)).toEqual(doc);
    expect(parseAnalysisResult(overTheWire(doc))).toEqual(doc);
  });

  it('throws a ContractError with a code and the path of the first problem', () => {
    const doc = overTheWire<{ loudness: Record<string, unknown> }>(buildAnalysisResult());
    doc.loudness.integratedLufs = '-8.7';
    doc.loudness.rmsDbfs = 'loud';
    expect(() => parseAnalysisResult(doc)).toThrow(ContractError);
    try {
      parseAnalysisResult(doc);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        name: 'ContractError',
        code: 'INVALID_ANALYSIS_RESULT',
        path: 'loudness.integratedLufs',
      });
      expect((error as Error).message).toBe(
        'Invalid analysis result: loudness.integratedLufs: Invalid input: expected number, received string; ' +
          'loudness.rmsDbfs: Invalid input: expected number, received string',
      );
    }
  });

  it('keeps every problem but names only the first five in the message', () => {
    const doc = buildAnalysisResult();
    doc.spectrum.curve.db = doc.spectrum.curve.db.map(() => Number.NaN);
    doc.tempo!.beats = doc.tempo!.beats.map(() => -1);
    const parsed = safeParseAnalysisResult(doc);
    expect(!parsed.success && parsed.error.issues).toHaveLength(9);
    const message = parsed.success ? '' : parsed.error.message;
    expect(message).toMatch(/^Invalid analysis result: spectrum\.curve\.db\[0\]: /);
    expect(message).toMatch(/; spectrum\.curve\.db\[4\]: [^;]+; and 4 more$/);
    expect(message).not.toContain('tempo.beats');
  });

  it('returns the error instead of throwing from safeParseAnalysisResult', () => {
    const parsed = safeParseAnalysisResult({ schemaVersion: 2 });
    expect(parsed.success).toBe(false);
    expect(!parsed.success && parsed.error.path).toBe('schemaVersion');
    expect(safeParseAnalysisResult('{}')).toMatchObject({ success: false });
  });

  it('rejects a band name outside the six', () => {
    const doc = overTheWire<{ spectrum: { bands: { name: string }[] } }>(buildAnalysisResult());
    doc.spectrum.bands[2].name = 'lowMid';
    expect(problems(doc)).toEqual([
      'spectrum.bands[2].name: Invalid option: expected one of "sub"|"bass"|"lowMids"|"mids"|"highMids"|"air"',
    ]);
  });

  it('rejects a band list that misses a band or repeats one', () => {
    const short = buildAnalysisResult();
    short.stereo!.bands = short.stereo!.bands.slice(1);
    expect(problems(short)).toEqual([
      'stereo.bands: Too small: expected array to have exactly 6 items',
      'stereo.bands: must hold each of the six bands once; missing "sub"',
    ]);
    const repeated = buildAnalysisResult();
    repeated.spectrum.bands[5] = { ...repeated.spectrum.bands[4] };
    expect(problems(repeated)).toEqual([
      'spectrum.bands: must hold each of the six bands once; missing "air"',
    ]);
  });

  it('names a missing field', () => {
    const doc = overTheWire<{ loudness: Record<string, unknown> }>(buildAnalysisResult());
    delete doc.loudness.plrDb;
    expect(problems(doc)).toEqual(['loudness.plrDb: missing']);
  });

  it('names an unknown field', () => {
    const doc = overTheWire<{ tempo: Record<string, unknown> }>(buildAnalysisResult());
    doc.tempo.bpmGuess = 120;
    expect(problems(doc)).toEqual(['tempo.bpmGuess: unexpected property']);
  });

  it('rejects NaN and Infinity, which JSON cannot carry, and quotes odd keys', () => {
    const doc = buildAnalysisResult();
    doc.loudness.loudnessRangeLu = Number.NaN;
    doc.loudness.truePeakPerChannelDbtp[1] = Number.POSITIVE_INFINITY;
    doc.timingsMs['key-finding'] = Number.NaN;
    expect(problems(doc)).toEqual([
      'loudness.loudnessRangeLu: Invalid input: expected number, received NaN',
      'loudness.truePeakPerChannelDbtp[1]: Invalid input: expected number, received Infinity',
      'timingsMs["key-finding"]: Invalid input: expected number, received NaN',
    ]);
  });

  it('checks the reference document with the same rules', () => {
    const doc = overTheWire<{ reference: { key: Record<string, unknown> } }>(withReference());
    doc.reference.key.mode = 'dorian';
    expect(problems(doc)).toEqual([
      'reference.key.mode: Invalid option: expected one of "major"|"minor"',
    ]);
  });

  it('keeps the fields a feedback section adds beyond the ones the document promises', () => {
    const feedback = {
      source: 'rules',
      findings: [],
      report: {
        summary: 'A loud master.',
        loudnessDynamics: 'Loud.',
        spectralBalance: 'Balanced.',
        stereoImage: 'Wide.',
        strengths: [],
        weaknesses: [],
        suggestions: [],
        processing: [],
        referenceComparison: null,
      },
      profile: { id: 'pop', name: 'Pop', chosenBy: 'user', reason: 'chosen at upload' },
    } as const;
    const doc = { ...buildAnalysisResult(), feedback };
    expect(parseAnalysisResult(doc).feedback).toEqual(feedback);
    expect(problems({ ...doc, feedback: { ...feedback, source: 'oracle' } })).toEqual([
      'feedback.source: Invalid option: expected one of "llm"|"rules"',
    ]);
  });
});

describe('the null-reason rule', () => {
  it('wants a reason beside a null figure', () => {
    const doc = buildAnalysisResult();
    doc.loudness.dynamicRangeDb = null;
    expect(problems(doc)).toEqual([
      'loudness.dynamicRangeDb: null with no reason in loudness.reasons',
    ]);
    doc.loudness.reasons.dynamicRangeDb = 'Too short for DR blocks';
    expect(problems(doc)).toEqual([]);
  });

  it('wants a document-level reason for a null section', () => {
    const doc = buildMonoFile();
    doc.reasons = {};
    expect(problems(doc)).toEqual(['stereo: null with no reason at reasons.stereo']);
  });

  it('does not take an empty reason', () => {
    const doc = buildMonoFile();
    doc.file.reasons.bitDepth = ' ';
    expect(problems(doc)).toEqual(['file.bitDepth: null with no reason in file.reasons']);
  });

  it('names nulls nested in bands and per-channel lists', () => {
    const doc = buildAnalysisResult();
    doc.stereo!.bands[4].correlation = null;
    doc.loudness.truePeakPerChannelDbtp[1] = null;
    doc.stereo!.monoCompatibility.foldDownLossDb = null;
    expect(problems(doc)).toEqual([
      'loudness.truePeakPerChannelDbtp[1]: null with no reason in loudness.reasons',
      'stereo.bands[4].correlation: null with no reason in stereo.reasons',
      'stereo.monoCompatibility.foldDownLossDb: null with no reason in stereo.reasons',
    ]);
    doc.stereo!.reasons['bands.highMids'] = 'Band too quiet to correlate';
    doc.stereo!.reasons.foldDownLossDb = 'No integrated loudness';
    doc.loudness.reasons.truePeakPerChannelDbtp = 'Channel 2 is silent';
    expect(problems(doc)).toEqual([]);
  });

  it('does not ask for reasons where null is the defined value', () => {
    const doc = buildAnalysisResult();
    doc.loudness.curves.momentary = [null, null, null];
    doc.issues[0].value = null;
    expect(problems(doc)).toEqual([]);
  });

  it('checks each section of the sections list against its own reasons', () => {
    const doc = buildAnalysisResult({
      sections: [
        buildSection({ startSec: 0, endSec: 2, label: 'A' }),
        buildSection({ startSec: 2, endSec: 30, label: 'B' }),
      ],
    });
    expect(problems(doc)).toEqual([]);
    doc.sections![0].loudness.loudnessRangeLu = null;
    doc.sections![1].stereo = null;
    expect(problems(doc)).toEqual([
      'sections[0].loudness.loudnessRangeLu: null with no reason in sections[0].reasons',
      'sections[1].stereo: null with no reason in sections[1].reasons',
    ]);
    doc.sections![0].reasons.loudnessRangeLu = 'shorter than 3 s';
    doc.sections![1].reasons.stereo = 'mono file';
    expect(problems(doc)).toEqual([]);
    doc.sections = null;
    expect(problems(doc)).toEqual(['sections: null with no reason at reasons.sections']);
  });

  it('looks into the reference and the comparison', () => {
    const doc = withReference();
    doc.reference!.key!.confidence = null;
    doc.comparison!.deltas[0].delta = null;
    expect(problems(doc)).toEqual([
      'comparison.deltas[0].delta: null with no reason in comparison.reasons',
      'reference.key.confidence: null with no reason in reference.key.reasons',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { compareResults } from '@mixscope/dsp';
import type {
  AnalysisResult,
  AudioIssue,
  BandComparison,
  ComparisonResult,
  FileInfo,
  KeyResult,
  LoudnessCurves,
  LoudnessResult,
  MetricDelta,
  PlatformRow,
  SpectrumBand,
  SpectrumResult,
  StereoBand,
  StereoResult,
  TempoResult,
  TransientsResult,
} from './analysis-result.ts';
import { monoVoice, silentFile, stereoMix, stereoReference } from './sample-results.fixture.ts';
import {
  analysisResultSchema,
  assertFiniteNumbers,
  missingReasons,
  NonFiniteNumberError,
  validateResult,
} from './validate-result.ts';

// Compile-time check that the schema lists exactly the fields of the TypeScript types: `tsc`
// fails here when a field is added to types.ts and not to the schema, or the other way round.
type SameKeys<Type, Schema> = [
  Exclude<keyof Type, keyof Schema>,
  Exclude<keyof Schema, keyof Type>,
] extends [never, never]
  ? true
  : {
      onlyInType: Exclude<keyof Type, keyof Schema>;
      onlyInSchema: Exclude<keyof Schema, keyof Type>;
    };
type Defs = typeof analysisResultSchema.$defs;
const schemaMatchesTypes: [
  SameKeys<AnalysisResult, typeof analysisResultSchema.properties>,
  SameKeys<FileInfo, Defs['fileInfo']['properties']>,
  SameKeys<PlatformRow, Defs['platformRow']['properties']>,
  SameKeys<LoudnessCurves, Defs['loudnessCurves']['properties']>,
  SameKeys<LoudnessResult, Defs['loudness']['properties']>,
  SameKeys<SpectrumBand, Defs['spectrumBand']['properties']>,
  SameKeys<SpectrumResult, Defs['spectrum']['properties']>,
  SameKeys<StereoBand, Defs['stereoBand']['properties']>,
  SameKeys<StereoResult, Defs['stereo']['properties']>,
  SameKeys<
    StereoResult['monoCompatibility'],
    Defs['stereo']['properties']['monoCompatibility']['properties']
  >,
  SameKeys<TempoResult, Defs['tempo']['properties']>,
  SameKeys<KeyResult, Defs['key']['properties']>,
  SameKeys<TransientsResult, Defs['transients']['properties']>,
  SameKeys<AudioIssue, Defs['issue']['properties']>,
  SameKeys<MetricDelta, Defs['metricDelta']['properties']>,
  SameKeys<BandComparison, Defs['bandComparison']['properties']>,
  SameKeys<ComparisonResult, Defs['comparison']['properties']>,
] = [
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
];

function withReference(): AnalysisResult {
  const mix = stereoMix();
  const reference = stereoReference();
  return { ...mix, reference, comparison: compareResults(mix, reference) };
}

/** What a client receives: the document after a JSON round trip. */
function overTheWire(doc: AnalysisResult): unknown {
  return JSON.parse(JSON.stringify(doc));
}

describe('validateResult', () => {
  it('keeps the schema and the types in step', () => {
    expect(schemaMatchesTypes.every((same) => same === true)).toBe(true);
  });

  it.each([
    ['stereo mix with reference and comparison', withReference],
    ['mono file with no stereo section', monoVoice],
    ['silent file with null loudness', silentFile],
  ])('accepts a %s', (_label, build) => {
    expect(validateResult(build())).toEqual({ valid: true, errors: [] });
    expect(validateResult(overTheWire(build()))).toEqual({ valid: true, errors: [] });
  });

  it('rejects a band name outside the six', () => {
    const doc = overTheWire(stereoMix()) as { spectrum: { bands: { name: string }[] } };
    doc.spectrum.bands[2].name = 'lowMid';
    const { valid, errors } = validateResult(doc);
    expect(valid).toBe(false);
    expect(errors).toContain(
      'spectrum.bands[2].name: must be one of "sub", "bass", "lowMids", "mids", "highMids", "air"',
    );
  });

  it('rejects a band list that misses a band', () => {
    const doc = stereoMix();
    doc.stereo!.bands = doc.stereo!.bands.slice(1);
    const { valid, errors } = validateResult(doc);
    expect(valid).toBe(false);
    expect(errors.some((e) => e.startsWith('stereo.bands:'))).toBe(true);
  });

  it('rejects a missing field and names it', () => {
    const doc = overTheWire(stereoMix()) as { loudness: Record<string, unknown> };
    delete doc.loudness.plrDb;
    expect(validateResult(doc)).toEqual({
      valid: false,
      errors: ['loudness: missing property "plrDb"'],
    });
  });

  it('rejects an unknown field', () => {
    const doc = overTheWire(stereoMix()) as { tempo: Record<string, unknown> };
    doc.tempo.bpmGuess = 120;
    expect(validateResult(doc).errors).toEqual(['tempo: unexpected property "bpmGuess"']);
  });

  it('rejects a wrong type, a string where a number belongs', () => {
    const doc = overTheWire(stereoMix()) as { loudness: Record<string, unknown> };
    doc.loudness.integratedLufs = '-8.7';
    expect(validateResult(doc).errors).toEqual(['loudness.integratedLufs: must be number,null']);
  });

  it('rejects NaN and Infinity, which JSON cannot carry', () => {
    const doc = stereoMix();
    doc.loudness.loudnessRangeLu = Number.NaN;
    expect(validateResult(doc).valid).toBe(false);
  });

  it('checks the reference document with the same rules', () => {
    const doc = withReference();
    (doc.reference!.key as unknown as Record<string, unknown>).mode = 'dorian';
    expect(validateResult(doc).errors).toEqual([
      'reference.key.mode: must be one of "major", "minor", null',
    ]);
  });

  it('rejects a null without a reason unless asked not to', () => {
    const doc = stereoMix();
    doc.loudness.dynamicRangeDb = null;
    expect(validateResult(doc).errors).toEqual([
      'loudness.dynamicRangeDb is null with no reason in loudness.reasons',
    ]);
    expect(validateResult(doc, { requireReasons: false }).valid).toBe(true);
  });
});

describe('missingReasons', () => {
  it('finds nothing to report in documents that follow the convention', () => {
    expect(missingReasons(withReference())).toEqual([]);
    expect(missingReasons(monoVoice())).toEqual([]);
    expect(missingReasons(silentFile())).toEqual([]);
  });

  it('wants a document-level reason for a null section', () => {
    const doc = monoVoice();
    doc.reasons = {};
    expect(missingReasons(doc)).toEqual(['stereo is null with no reason at reasons.stereo']);
  });

  it('names nulls nested in bands and per-channel lists', () => {
    const doc = stereoMix();
    doc.stereo!.bands[4].correlation = null;
    doc.loudness.truePeakPerChannelDbtp[1] = null;
    doc.stereo!.monoCompatibility.foldDownLossDb = null;
    expect(missingReasons(doc)).toEqual([
      'loudness.truePeakPerChannelDbtp[1] is null with no reason in loudness.reasons',
      'stereo.bands[4].correlation is null with no reason in stereo.reasons',
      'stereo.monoCompatibility.foldDownLossDb is null with no reason in stereo.reasons',
    ]);
    doc.stereo!.reasons['bands.highMids'] = 'Band too quiet to correlate';
    doc.stereo!.reasons.foldDownLossDb = 'No integrated loudness';
    doc.loudness.reasons.truePeakPerChannelDbtp = 'Channel 2 is silent';
    expect(missingReasons(doc)).toEqual([]);
  });

  it('does not ask for reasons where null is the defined value', () => {
    const doc = stereoMix();
    doc.loudness.curves.momentary = [null, null, null];
    doc.issues[0].value = null;
    expect(missingReasons(doc)).toEqual([]);
  });

  it('looks into the reference and the comparison', () => {
    const doc = withReference();
    doc.reference!.key!.confidence = null;
    doc.comparison!.deltas[0].delta = null;
    expect(missingReasons(doc)).toEqual([
      'comparison.deltas[0].delta is null with no reason in comparison.reasons',
      'reference.key.confidence is null with no reason in reference.key.reasons',
    ]);
  });
});

describe('assertFiniteNumbers', () => {
  it('passes documents with only finite numbers', () => {
    expect(() => assertFiniteNumbers(withReference())).not.toThrow();
    expect(() => assertFiniteNumbers(silentFile())).not.toThrow();
  });

  it('names the first non-finite number by its path', () => {
    const doc = withReference();
    doc.loudness.truePeakPerChannelDbtp[1] = Number.POSITIVE_INFINITY;
    doc.reference!.spectrum.bands[3].db = Number.NaN;
    expect(() => assertFiniteNumbers(doc)).toThrow(
      new NonFiniteNumberError('loudness.truePeakPerChannelDbtp[1]', Number.POSITIVE_INFINITY),
    );
    doc.loudness.truePeakPerChannelDbtp[1] = 0.1;
    try {
      assertFiniteNumbers(doc);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(NonFiniteNumberError);
      expect((error as NonFiniteNumberError).path).toBe('reference.spectrum.bands[3].db');
      expect((error as Error).message).toBe(
        'Non-finite number NaN at reference.spectrum.bands[3].db',
      );
    }
  });

  it('looks inside typed arrays and quotes odd keys', () => {
    expect(() => assertFiniteNumbers({ curve: new Float32Array([0, -Infinity]) })).toThrow(
      'at curve[1]',
    );
    expect(() => assertFiniteNumbers({ timingsMs: { 'key-finding': NaN } })).toThrow(
      'at timingsMs["key-finding"]',
    );
  });
});

import { z } from 'zod';
import { feedbackSchema } from '../feedback/feedback-report.ts';
import { progressStageSchema } from '../job-payloads.ts';
import { bandNameSchema } from '../tables/band-name-schema.ts';
import type { BandName } from '../tables/bands.ts';
import { codecIdSchema } from '../tables/codecs.ts';
import { findUnexplainedNulls } from './null-reasons.ts';
import { codecPreviewSchema } from './codec-preview.ts';

/**
 * The analysis result: the document `mixscope analyze --json` prints and the hosted API returns.
 *
 * Conventions:
 * - No NaN or Infinity anywhere (z.number() refuses both). A figure that does not exist is `null`,
 *   and the reason sits beside it: for a null at `section.field`, the reason is at
 *   `section.reasons.field`; for a null section, at `reasons.<section>` on the document itself.
 * - Levels are in dB (LUFS, LU, dBTP, dBFS), times in seconds, frequencies in Hz.
 *
 * The published JSON Schema (libs/contracts/schema/analysis-result.schema.json) is generated from
 * these schemas by `npm run contracts:generate`.
 */

const db = () => z.number().nullable();
const unitInterval = () => z.number().min(0).max(1).nullable();
const seconds = () => z.number().min(0);

export const reasonsSchema = z
  .record(z.string(), z.string().min(1))
  .describe("Why a figure beside it is null, keyed by the field's name.")
  .meta({ id: 'reasons' });
export type Reasons = z.infer<typeof reasonsSchema>;

export const progressSchema = z.strictObject({
  stage: progressStageSchema,
  percent: z.number().min(0).max(100).describe('Overall percent, 0-100.'),
});
export type Progress = z.infer<typeof progressSchema>;

export type { BandName };

/** A list holding exactly one entry for each of the six bands, in any order. */
function oneEntryPerBand<Entry extends z.ZodType<{ name: BandName }>>(entry: Entry) {
  return z
    .array(entry)
    .length(bandNameSchema.options.length)
    .superRefine((bands, ctx) => {
      const names = bands.map((band) => band.name);
      const missing = bandNameSchema.options.filter((name) => !names.includes(name));
      if (missing.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `must hold each of the six bands once; missing ${missing.map((name) => `"${name}"`).join(', ')}`,
        });
      }
    })
    .meta({
      description: 'Exactly one entry for each of the six bands.',
      allOf: bandNameSchema.options.map((name) => ({
        contains: { type: 'object', required: ['name'], properties: { name: { const: name } } },
      })),
    });
}

export const fileInfoSchema = z
  .strictObject({
    name: z.string(),
    sizeBytes: z.number().int().min(0),
    container: z
      .string()
      .describe(
        'ffprobe format name, e.g. "wav", "flac", "mp3", "ogg", "mov,mp4,m4a,3gp,3g2,mj2".',
      ),
    codec: z.string(),
    sampleRate: z.number().positive(),
    channels: z.number().int().min(1),
    channelLayout: z.string().nullable(),
    bitDepth: z.number().int().min(1).nullable(),
    bitRateKbps: z.number().min(0).nullable(),
    durationSec: seconds(),
    downmix: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Present when the file has more than two channels: every figure was measured on the stereo downmix this note names, not on the original channels.',
      ),
    reasons: reasonsSchema,
  })
  .meta({ id: 'fileInfo' });
export type FileInfo = z.infer<typeof fileInfoSchema>;

export const platformRowSchema = z
  .strictObject({
    id: z.string().min(1),
    name: z.string().min(1),
    targetLufs: db(),
    truePeakLimitDbtp: db(),
    gainDb: db().describe('Gain the platform applies to this track (negative: turned down).'),
    resultingLufs: db(),
    resultingTruePeakDbtp: db(),
    exceedsTruePeakLimit: z
      .boolean()
      .nullable()
      .describe("True when the resulting true peak exceeds the platform's limit."),
    codec: codecIdSchema
      .nullable()
      .optional()
      .describe(
        'The codec the platform streams in; null when it streams lossless or is not a service.',
      ),
    codecTruePeakDbtp: db()
      .optional()
      .describe("True peak of the platform's codec after the platform's gain."),
    codecExceedsTruePeakLimit: z
      .boolean()
      .nullable()
      .optional()
      .describe('True when the encoded track, after gain, plays above the limit (0 dBTP if none).'),
    note: z.string(),
    source: z.string(),
  })
  .meta({ id: 'platformRow' });
export type PlatformRow = z.infer<typeof platformRowSchema>;

const loudnessCurve = () =>
  z.array(z.number().nullable()).describe('LUFS per hop; null where the window is below -70 LUFS.');

export const loudnessCurvesSchema = z
  .strictObject({
    hopSec: z.number().positive(),
    momentaryStartSec: seconds().describe('Time (s) of the end of the first window of the curve.'),
    shortTermStartSec: seconds().describe('Time (s) of the end of the first window of the curve.'),
    momentary: loudnessCurve(),
    shortTerm: loudnessCurve(),
  })
  .meta({ id: 'loudnessCurves' });
export type LoudnessCurves = z.infer<typeof loudnessCurvesSchema>;

export const loudnessResultSchema = z
  .strictObject({
    integratedLufs: db(),
    momentaryMaxLufs: db(),
    shortTermMaxLufs: db(),
    loudnessRangeLu: z.number().min(0).nullable(),
    truePeakDbtp: db(),
    truePeakPerChannelDbtp: z.array(db()),
    samplePeakDbfs: db(),
    samplePeakPerChannelDbfs: z.array(db()),
    rmsDbfs: db(),
    crestFactorDb: db(),
    plrDb: db(),
    dynamicRangeDb: db(),
    curves: loudnessCurvesSchema,
    platforms: z.array(platformRowSchema),
    reasons: reasonsSchema,
  })
  .meta({ id: 'loudness' });
export type LoudnessResult = z.infer<typeof loudnessResultSchema>;

export const spectrumBandSchema = z
  .strictObject({
    name: bandNameSchema,
    lowHz: z.number().min(0),
    highHz: z.number().positive(),
    share: unitInterval().describe(
      'Share of total power in 20 Hz-20 kHz; the six shares sum to 1.',
    ),
    db: db().describe("10·log10(share): the band's level relative to the whole spectrum."),
    levelDbfs: db().describe(
      "The band's RMS level in dBFS (a full-scale sine alone in the band reads -3.01).",
    ),
  })
  .meta({ id: 'spectrumBand' });
export type SpectrumBand = z.infer<typeof spectrumBandSchema>;

export const spectrumResultSchema = z
  .strictObject({
    bands: oneEntryPerBand(spectrumBandSchema),
    curve: z
      .strictObject({ frequenciesHz: z.array(z.number().min(0)), db: z.array(z.number()) })
      .describe('Log-frequency, 1/6-octave smoothed power spectrum of the mono sum, for charts.'),
    centroidHz: z.number().min(0).nullable(),
    rolloffHz: z.number().min(0).nullable(),
    flatness: unitInterval(),
    reasons: reasonsSchema,
  })
  .meta({ id: 'spectrum' });
export type SpectrumResult = z.infer<typeof spectrumResultSchema>;

export const stereoBandSchema = z
  .strictObject({
    name: bandNameSchema,
    correlation: z.number().nullable(),
    width: unitInterval(),
  })
  .meta({ id: 'stereoBand' });
export type StereoBand = z.infer<typeof stereoBandSchema>;

export const stereoResultSchema = z
  .strictObject({
    correlation: z.number().nullable(),
    balanceDb: db(),
    sideToMidDb: db(),
    widthScore: z
      .number()
      .min(0)
      .max(100)
      .nullable()
      .describe('0-100, perceptually weighted per-band width.'),
    bands: oneEntryPerBand(stereoBandSchema),
    monoCompatibility: z.strictObject({
      foldDownLossDb: db().describe(
        'Integrated loudness of the dual-mono fold-down minus the stereo integrated loudness (LU).',
      ),
      outOfPhaseBands: z
        .array(bandNameSchema)
        .refine((names) => new Set(names).size === names.length, 'must not repeat a band')
        .meta({ uniqueItems: true })
        .describe('Bands whose correlation is below 0.'),
    }),
    reasons: reasonsSchema,
  })
  .meta({ id: 'stereo' });
export type StereoResult = z.infer<typeof stereoResultSchema>;

export const tempoResultSchema = z
  .strictObject({
    bpm: z.number().positive().nullable(),
    confidence: unitInterval(),
    uncertain: z
      .boolean()
      .optional()
      .describe(
        'True when the confidence is below the documented threshold (docs/measurement.md#tempo) or there is no tempo: the figure is a guess and nothing should rely on it. Absent in analyses made before it existed.',
      ),
    stability: unitInterval().describe('1 = rock steady, lower = drifting or rubato.'),
    beats: z.array(seconds()).describe('Beat times in seconds.'),
    reasons: reasonsSchema,
  })
  .meta({ id: 'tempo' });
export type TempoResult = z.infer<typeof tempoResultSchema>;

export const pitchClassSchema = z
  .enum(['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'])
  .meta({ id: 'pitchClass' });
export type PitchClass = z.infer<typeof pitchClassSchema>;

export const keyResultSchema = z
  .strictObject({
    tonic: pitchClassSchema.nullable(),
    mode: z.enum(['major', 'minor']).nullable(),
    confidence: unitInterval(),
    uncertain: z
      .boolean()
      .optional()
      .describe(
        'True when the confidence is below the documented threshold (docs/measurement.md#key) or there is no key: the label is a guess. Absent in analyses made before it existed.',
      ),
    label: z.string().nullable().describe('e.g. "A minor"'),
    reasons: reasonsSchema,
  })
  .meta({ id: 'key' });
export type KeyResult = z.infer<typeof keyResultSchema>;

export const transientsResultSchema = z
  .strictObject({
    onsetDensityPerSec: z.number().min(0).describe('Onsets per second over the analysed range.'),
    attackSharpness: z
      .number()
      .min(0)
      .max(1)
      .describe('0-1: how abruptly onsets rise (1 = very sharp).'),
    medianAttackMs: z
      .number()
      .min(0)
      .nullable()
      .describe('Median 10-90 % rise time of onsets, in milliseconds.'),
    analyzedFromSec: seconds(),
    analyzedToSec: seconds(),
    reasons: reasonsSchema,
  })
  .meta({ id: 'transients' });
export type TransientsResult = z.infer<typeof transientsResultSchema>;

export const issueCodeSchema = z.enum([
  'clipping',
  'true-peak-over',
  'dc-offset',
  'out-of-phase',
  'silence-start',
  'silence-end',
  'invalid-samples',
]);
export type IssueCode = z.infer<typeof issueCodeSchema>;

export const audioIssueSchema = z
  .strictObject({
    code: issueCodeSchema,
    severity: z.enum(['info', 'warning', 'error']),
    message: z.string().min(1),
    value: z
      .number()
      .nullable()
      .describe('The measured value behind the finding (count, dB, seconds…), unit in `unit`.'),
    unit: z.string().nullable(),
    count: z.number().int().min(0).nullable(),
    times: z
      .array(seconds())
      .max(100)
      .describe('Time positions in seconds (at most 100, the first ones).'),
    channel: z.number().int().min(0).nullable(),
  })
  .describe('Issue entries explain themselves in `message`: their nulls mean "not applicable".')
  .meta({ id: 'issue' });
export type AudioIssue = z.infer<typeof audioIssueSchema>;

export const bandComparisonSchema = z
  .strictObject({
    name: bandNameSchema,
    mixDb: db(),
    referenceDb: db(),
    deltaDb: db(),
  })
  .meta({ id: 'bandComparison' });
export type BandComparison = z.infer<typeof bandComparisonSchema>;

export const metricDeltaSchema = z
  .strictObject({
    metric: z.string().min(1),
    mix: z.number().nullable(),
    reference: z.number().nullable(),
    delta: z.number().nullable(),
    unit: z.string(),
  })
  .meta({ id: 'metricDelta' });
export type MetricDelta = z.infer<typeof metricDeltaSchema>;

export const comparisonResultSchema = z
  .strictObject({
    referenceName: z.string(),
    loudnessMatchGainDb: db().describe(
      "Gain applied to the reference to match the mix's integrated loudness.",
    ),
    deltas: z.array(metricDeltaSchema),
    bands: oneEntryPerBand(bandComparisonSchema).describe(
      'Per-band level difference after loudness matching (mix minus reference).',
    ),
    chorus: z
      .strictObject({
        mixIndex: z.number().int().min(0),
        referenceIndex: z.number().int().min(0),
        deltas: z.array(metricDeltaSchema),
      })
      .nullable()
      .optional()
      .describe(
        "The mix's first chorus-like section against the reference's, like with like (mix minus reference); null when either has none.",
      ),
    reasons: reasonsSchema,
  })
  .meta({ id: 'comparison' });
export type ComparisonResult = z.infer<typeof comparisonResultSchema>;

export const sectionSchema = z
  .strictObject({
    startSec: seconds(),
    endSec: seconds(),
    label: z
      .string()
      .regex(/^[A-Z]+$/)
      .describe('A, B, C…: sections with the same label repeat one another.'),
    chorusLike: z.boolean().describe('The loudest label that repeats.'),
    repeatOf: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Index of the first section with this label, when this one repeats it.'),
    loudness: z.strictObject({
      integratedLufs: db(),
      shortTermMaxLufs: db(),
      loudnessRangeLu: db(),
    }),
    bands: oneEntryPerBand(z.strictObject({ name: bandNameSchema, db: db() })).describe(
      "Each band's share of the section's power in dB, as `spectrum.bands[].db`.",
    ),
    stereo: z
      .strictObject({
        widthScore: z.number().min(0).max(100).nullable(),
        correlation: z.number().nullable(),
      })
      .nullable(),
    reasons: reasonsSchema,
  })
  .meta({ id: 'section' });
export type Section = z.infer<typeof sectionSchema>;

/**
 * The document's shape alone. `analysisResultSchema` adds the rule that every null carries a
 * reason; the published JSON Schema is generated from this shape, as JSON Schema cannot say that.
 */
export const analysisResultShape = z
  .strictObject({
    schemaVersion: z.literal(1),
    analyzer: z.strictObject({ name: z.literal('mixscope'), version: z.string().min(1) }),
    file: fileInfoSchema,
    loudness: loudnessResultSchema,
    spectrum: spectrumResultSchema,
    stereo: stereoResultSchema.nullable(),
    tempo: tempoResultSchema.nullable(),
    key: keyResultSchema.nullable(),
    transients: transientsResultSchema.nullable(),
    issues: z.array(audioIssueSchema),
    sections: z
      .array(sectionSchema)
      .nullable()
      .optional()
      .describe("The song's sections in time order, found by novelty on a self-similarity matrix."),
    timingsMs: z
      .record(z.string(), z.number().min(0))
      .describe('Wall time per stage in milliseconds.'),
    get reference() {
      return analysisResultShape.optional();
    },
    comparison: comparisonResultSchema.optional(),
    feedback: feedbackSchema
      .optional()
      .describe('Mixing feedback, added by `--feedback`: the findings and the written report.'),
    codecs: z
      .array(codecPreviewSchema)
      .nullable()
      .optional()
      .describe(
        'The codec preview: one row per codec. Null when skipped (reason at `reasons.codecs`); absent in documents from before it.',
      ),
    reasons: reasonsSchema,
  })
  .meta({
    title: 'MixScope AnalysisResult',
    description:
      'The document `mixscope analyze --json` prints and the hosted API returns. A figure that does not exist is null, with its reason in the nearest `reasons` map: `section.reasons.field` for a null field, `reasons.<section>` for a null section.',
  });

/** The analysis result contract: the shape, and a reason beside every null figure. */
export const analysisResultSchema = analysisResultShape.superRefine((doc, ctx) => {
  for (const { path, message } of findUnexplainedNulls(doc)) {
    ctx.addIssue({ code: 'custom', path, message });
  }
});
export type AnalysisResult = z.infer<typeof analysisResultSchema>;

import { z } from 'zod';
import { codecIdSchema } from '../tables/codecs.ts';

const NULLABLE_FIELDS = ['measuredSec', 'truePeakDbtp', 'overs', 'integratedLufsDelta'] as const;

/**
 * One codec of the preview: the mix encoded at the bit rate and decoded again. A codec that could
 * not be measured (`available: false`, e.g. this ffmpeg lacks its encoder) keeps its row, with
 * null figures, why the codec is missing under `reasons.codec`, and, like every element of a list
 * in the document, a reason under each null figure's own name.
 */
export const codecPreviewSchema = z
  .strictObject({
    codec: codecIdSchema,
    bitrateKbps: z.number().positive(),
    available: z.boolean(),
    measuredSec: z
      .number()
      .min(0)
      .nullable()
      .describe(
        'Seconds of the track the figures are measured on: the cores of the windows encoded (its loudest and peakiest passages, docs/measurement.md#codec-preview), or the whole track when it is short.',
      ),
    truePeakDbtp: z.number().nullable().describe('True peak of the decoded encode (dBTP).'),
    overs: z
      .strictObject({
        clippedSamples: z
          .number()
          .int()
          .min(0)
          .describe('Decoded samples above 0 dBFS, every channel counted.'),
        truePeakOvers: z
          .number()
          .int()
          .min(0)
          .describe('Over events (at most one per ms per channel) above thresholdDbtp.'),
        thresholdDbtp: z.number(),
      })
      .nullable(),
    integratedLufsDelta: z
      .number()
      .nullable()
      .describe(
        'Integrated loudness of the decoded encode minus that of the original (LU), over the measured windows: an estimate of the full-track change.',
      ),
    reasons: z.record(z.string(), z.string().min(1)),
  })
  .superRefine((row, ctx) => {
    if (!row.available && !row.reasons.codec) {
      ctx.addIssue({
        code: 'custom',
        path: ['reasons', 'codec'],
        message: 'missing codec with no reason',
      });
    }
    for (const field of NULLABLE_FIELDS) {
      if (row[field] === null && !row.reasons[field]) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'null with no reason' });
      }
    }
  })
  .meta({ id: 'codecPreview' });
export type CodecPreview = z.infer<typeof codecPreviewSchema>;

/** The row of a codec that could not be measured: every figure null, each naming the reason. */
export function missingCodecRow(
  codec: CodecPreview['codec'],
  bitrateKbps: number,
  reason: string,
): CodecPreview {
  return {
    codec,
    bitrateKbps,
    available: false,
    measuredSec: null,
    truePeakDbtp: null,
    overs: null,
    integratedLufsDelta: null,
    reasons: {
      codec: reason,
      ...Object.fromEntries(NULLABLE_FIELDS.map((field) => [field, reason])),
    },
  };
}

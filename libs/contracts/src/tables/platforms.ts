import { z } from 'zod';
import { parseTable } from './parse-table.ts';
import { idTuple } from './table-error.ts';
import platformData from './platforms.json' with { type: 'json' };
import { codecIdSchema } from './codecs.ts';

export const normalizationSchema = z.enum(['up-and-down', 'down-only', 'none']);
export type Normalization = z.infer<typeof normalizationSchema>;

/** One playback target, as kept in platforms.json (its `about` says what each field means). */
export const platformSpecSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lower-case kebab-case id'),
  name: z.string().min(1),
  targetLufs: z.number().nullable(),
  /** How far off the target still counts as on it; unset: the platform states no tolerance. */
  toleranceLu: z.number().positive().optional(),
  normalization: normalizationSchema,
  /** Positive gain stops where the true peak would pass this level; null: no such limit. */
  upwardGainCeilingDbtp: z.number().nullable(),
  truePeakLimitDbtp: z.number().nullable(),
  /** A stricter limit for masters louder than the target (Spotify's -2 dBTP). */
  louderThanTarget: z.strictObject({ truePeakLimitDbtp: z.number() }).nullable(),
  /** 'master': checked on the file as delivered (encoded before gain); 'normalized': after gain. */
  truePeakLimitAppliesTo: z.enum(['master', 'normalized']),
  /** The lossy codec the service streams in; null: lossless top tier, or not a service. */
  codec: codecIdSchema.nullable(),
  note: z.string().min(1),
  source: z.url({ protocol: /^https$/ }),
});
export type PlatformSpec = z.infer<typeof platformSpecSchema>;

export const platformTableSchema = z.strictObject({
  about: z.string(),
  platforms: z
    .array(platformSpecSchema)
    .min(1)
    .refine(
      (rows) => new Set(rows.map((row) => row.id)).size === rows.length,
      'ids must be unique',
    ),
});

/** The streaming and broadcast platforms' loudness targets and peak limits, as published. */
export const PLATFORMS: readonly PlatformSpec[] = parseTable(
  'platforms.json',
  platformTableSchema,
  platformData,
).platforms;

/** The platform ids a user may target, as a tuple for z.enum, @IsIn and the like. */
export const PLATFORM_IDS = idTuple(
  'platforms.json',
  PLATFORMS.map((spec) => spec.id),
);

/**
 * Whether a true peak is over a platform's limit, compared at the 0.1 dB a report shows it with
 * (so "-1.0 dBTP" is never over -1.0); null when either is unknown.
 */
export function truePeakOverLimit(
  peakDbtp: number | null,
  limitDbtp: number | null,
): boolean | null {
  return peakDbtp === null || limitDbtp === null ? null : Number(peakDbtp.toFixed(1)) > limitDbtp;
}

export function findPlatform(id: string): PlatformSpec | undefined {
  return PLATFORMS.find((spec) => spec.id === id);
}

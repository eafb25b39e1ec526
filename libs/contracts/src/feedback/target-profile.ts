import { z } from 'zod';
import { bandNameSchema } from '../tables/band-name-schema.ts';

/** How many reference analyses a target profile needs at least: a spread needs two. */
export const TARGET_PROFILE_MIN_REFERENCES = 2;
/** The most reference analyses one profile is built from. */
export const TARGET_PROFILE_MAX_REFERENCES = 50;
/** Target profiles one team keeps at most, so its list stays a bounded read. */
export const TARGET_PROFILES_MAX_PER_TEAM = 100;

/**
 * What the references measured for one figure: the target range the rules judge against, and
 * the statistics it was derived from (docs/metrics.md#targets-from-your-own-references).
 */
const measuredRangeShape = {
  min: z.number(),
  max: z.number(),
  mean: z.number(),
  /** Sample standard deviation (n − 1) over the references that measured the figure. */
  sd: z.number().min(0),
  /** How many references measured it. */
  count: z.number().int().min(TARGET_PROFILE_MIN_REFERENCES),
};
const ordered = (range: { min: number; max: number }) => range.min < range.max;

const measuredRangeSchema = z.strictObject(measuredRangeShape).refine(ordered, 'needs min < max');
const sourcedMeasuredRangeSchema = z
  .strictObject({ ...measuredRangeShape, source: z.string() })
  .refine(ordered, 'needs min < max');

/**
 * A profile built from a team's own reference analyses. It has every field the rules read of a
 * genre profile, with citations already written out (`source` is text, not a table key), plus
 * the mean and spread behind each range, so the rules use it exactly as they use a genre.
 */
export const targetProfileSchema = z
  .strictObject({
    id: z.string().min(1),
    name: z.string().min(1).max(80),
    aliases: z.array(z.string()),
    description: z.string().min(1),
    integratedLufs: sourcedMeasuredRangeSchema,
    plrDb: sourcedMeasuredRangeSchema,
    dynamicRangeDb: sourcedMeasuredRangeSchema,
    loudnessRangeLu: sourcedMeasuredRangeSchema,
    bandsDb: z.strictObject({
      source: z.string(),
      bands: z.record(bandNameSchema, measuredRangeSchema),
    }),
    widthScore: sourcedMeasuredRangeSchema,
    lowEndCorrelationMin: z.strictObject({ sub: z.number(), bass: z.number(), source: z.string() }),
    /** Tempo only picks a genre automatically; a target profile is always chosen by name. */
    tempoBpm: z.null(),
    /** What the profile was built from. */
    basis: z.strictObject({
      referenceCount: z.number().int().min(TARGET_PROFILE_MIN_REFERENCES),
      /** File names or labels of the references, in the order given. */
      references: z.array(z.string()),
    }),
  })
  .meta({ id: 'TargetProfile' });
export type TargetProfile = z.infer<typeof targetProfileSchema>;

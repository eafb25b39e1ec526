import {
  BAND_NAMES,
  TARGET_PROFILE_MAX_REFERENCES,
  TARGET_PROFILE_MIN_REFERENCES,
  targetProfileSchema,
  type AnalysisResult,
  type BandName,
  type TargetProfile,
} from '@mixscope/contracts';
import { FeedbackError } from '../errors.ts';

/** One reference analysis and how to name it in messages and in the profile's basis. */
export interface ReferenceAnalysis {
  label: string;
  result: AnalysisResult;
}

export interface TargetProfileOptions {
  id?: string;
  /** Default: "your N references". */
  name?: string;
}

/** A range reaches this many sample standard deviations either side of the references' mean… */
export const SPREAD_FACTOR = 2;

/** …and never less than this half-width, so two near-identical references still leave room. */
export const HALF_WIDTH_FLOOR = {
  integratedLufs: 1,
  plrDb: 1,
  dynamicRangeDb: 1,
  loudnessRangeLu: 1,
  bandDb: 1.5,
  widthScore: 5,
} as const;

/** The low end may sit this far below the least correlated reference before it is flagged. */
export const CORRELATION_MARGIN = 0.1;

interface Figure {
  label: string;
  floor: number;
  bounds?: { min: number; max: number };
  read(result: AnalysisResult): number | null;
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * mean ± max(SPREAD_FACTOR·sd, floor, largest deviation of a reference from the mean): every
 * reference lies inside its own profile, and the range widens with the references' spread.
 */
function measuredRange(figure: Figure, references: readonly ReferenceAnalysis[]) {
  const values: number[] = [];
  const missing: string[] = [];
  for (const { label, result } of references) {
    const value = figure.read(result);
    if (value === null) missing.push(label);
    else values.push(value);
  }
  if (values.length < TARGET_PROFILE_MIN_REFERENCES) {
    throw new FeedbackError(
      'TARGET_PROFILE_INPUT',
      `only ${values.length} of ${references.length} references measured ${figure.label} ` +
        `(none for ${missing.join(', ')}); a target profile needs it from at least ${TARGET_PROFILE_MIN_REFERENCES}`,
    );
  }
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1));
  const farthest = Math.max(...values.map((v) => Math.abs(v - mean)));
  const half = Math.max(SPREAD_FACTOR * sd, figure.floor, farthest);
  const lowest = figure.bounds?.min ?? -Infinity;
  const highest = figure.bounds?.max ?? Infinity;
  return {
    min: round(Math.max(lowest, mean - half)),
    max: round(Math.min(highest, mean + half)),
    mean: round(mean),
    sd: round(sd),
    count: values.length,
  };
}

const bandFigure = (name: BandName): Figure => ({
  label: `the ${name} band level`,
  floor: HALF_WIDTH_FLOOR.bandDb,
  read: (result) => result.spectrum.bands.find((band) => band.name === name)?.db ?? null,
});

const FIGURES = {
  integratedLufs: {
    label: 'integrated loudness',
    floor: HALF_WIDTH_FLOOR.integratedLufs,
    read: (r) => r.loudness.integratedLufs,
  },
  plrDb: { label: 'PLR', floor: HALF_WIDTH_FLOOR.plrDb, read: (r) => r.loudness.plrDb },
  dynamicRangeDb: {
    label: 'DR',
    floor: HALF_WIDTH_FLOOR.dynamicRangeDb,
    read: (r) => r.loudness.dynamicRangeDb,
  },
  loudnessRangeLu: {
    label: 'loudness range',
    floor: HALF_WIDTH_FLOOR.loudnessRangeLu,
    bounds: { min: 0, max: Infinity },
    read: (r) => r.loudness.loudnessRangeLu,
  },
  widthScore: {
    label: 'a width score (mono files have none)',
    floor: HALF_WIDTH_FLOOR.widthScore,
    bounds: { min: 0, max: 100 },
    read: (r) => r.stereo?.widthScore ?? null,
  },
} satisfies Record<string, Figure>;

/** The lowest correlation of the band among the references, less the margin; 0 if none measured it. */
function correlationMinimum(band: 'sub' | 'bass', references: readonly ReferenceAnalysis[]) {
  const values = references
    .map(({ result }) => result.stereo?.bands.find((b) => b.name === band)?.correlation ?? null)
    .filter((value): value is number => value !== null);
  if (values.length === 0) return 0;
  return round(Math.max(-1, Math.min(...values) - CORRELATION_MARGIN));
}

/**
 * A target profile from a team's own references, in the shape of a genre profile: each range is
 * mean ± max(2·sd, floor, farthest reference) over the references (docs/metrics.md). Throws
 * TARGET_PROFILE_INPUT for fewer than two references or when a figure is missing from all but one.
 */
export function buildTargetProfile(
  references: readonly ReferenceAnalysis[],
  options: TargetProfileOptions = {},
): TargetProfile {
  if (references.length < TARGET_PROFILE_MIN_REFERENCES) {
    throw new FeedbackError(
      'TARGET_PROFILE_INPUT',
      `a target profile needs at least ${TARGET_PROFILE_MIN_REFERENCES} references, got ${references.length}`,
    );
  }
  if (references.length > TARGET_PROFILE_MAX_REFERENCES) {
    throw new FeedbackError(
      'TARGET_PROFILE_INPUT',
      `a target profile takes at most ${TARGET_PROFILE_MAX_REFERENCES} references, got ${references.length}`,
    );
  }
  const count = references.length;
  const source = `Measured from ${count} references: mean ± max(${SPREAD_FACTOR}·sd, floor, farthest reference) (docs/metrics.md#targets-from-your-own-references).`;
  const sourced = (figure: Figure) => ({ ...measuredRange(figure, references), source });
  const bands = Object.fromEntries(
    BAND_NAMES.map((name) => [name, measuredRange(bandFigure(name), references)]),
  ) as TargetProfile['bandsDb']['bands'];
  const labels = references.map((reference) => reference.label);
  return targetProfileSchema.parse({
    id: options.id ?? 'target-from-references',
    name: options.name?.trim() || `your ${count} references`,
    aliases: [],
    description: `Target built from ${count} reference analyses: ${labels.join(', ')}.`,
    integratedLufs: sourced(FIGURES.integratedLufs),
    plrDb: sourced(FIGURES.plrDb),
    dynamicRangeDb: sourced(FIGURES.dynamicRangeDb),
    loudnessRangeLu: sourced(FIGURES.loudnessRangeLu),
    bandsDb: { source, bands },
    widthScore: sourced(FIGURES.widthScore),
    lowEndCorrelationMin: {
      sub: correlationMinimum('sub', references),
      bass: correlationMinimum('bass', references),
      source: `The least correlated of the ${count} references in the band, less ${CORRELATION_MARGIN}.`,
    },
    tempoBpm: null,
    basis: { referenceCount: count, references: labels },
  });
}

/** How a report names the profile: "target: from 3 references: a.wav, b.wav, c.wav". */
export function describeTargetProfile(profile: TargetProfile): string {
  return `target: from ${profile.basis.referenceCount} references: ${profile.basis.references.join(', ')}`;
}

import {
  BAND_LABELS,
  BAND_NAMES,
  isUncertainTempo,
  type AnalysisResult,
  type Section,
} from '@mixscope/contracts';
import type { GenreProfile, Range } from './genre-profiles.ts';

/** One whole-track measure the automatic genre choice compares with each profile's range. */
export interface GenreFeature {
  label: string;
  value: number;
  unit: string;
  weight: number;
  /** The measure's distance from the middle of a profile's range, in squared half-widths. */
  distance(profile: GenreProfile): number | null;
  range(profile: GenreProfile): Range | null;
}

/**
 * How much each measure counts. Band balance and loudness range describe the arrangement and hold
 * before and after mastering; PLR, DR and above all integrated loudness mostly say how far the
 * file has been limited, so they count less (an unmastered mix of any genre reads "quiet").
 */
export interface GenreFeatureWeights {
  band: number;
  loudnessRange: number;
  plr: number;
  dynamicRange: number;
  integratedLoudness: number;
  width: number;
  tempo: number;
}

export const GENRE_FEATURE_WEIGHTS: Readonly<GenreFeatureWeights> = {
  band: 1,
  loudnessRange: 1.5,
  plr: 0.75,
  dynamicRange: 0.5,
  integratedLoudness: 0.25,
  width: 0.5,
  tempo: 0.5,
};

/** One measure far outside a range counts as two half-widths away, so it cannot decide alone. */
export const GENRE_DISTANCE_CAP = 4;

/** Squared distance from the range's middle in half-widths (0 at the middle, 1 at an edge), capped. */
export function rangeDistance(value: number, range: Range): number {
  const half = (range.max - range.min) / 2;
  return Math.min(GENRE_DISTANCE_CAP, ((value - (range.min + range.max) / 2) / half) ** 2);
}

/** The duration-weighted median of one figure over the sections that have it. */
export function sectionMedian(
  sections: readonly Section[],
  figure: (section: Section) => number | null,
): number | null {
  const measured = sections
    .map((section) => ({ value: figure(section), weight: section.endSec - section.startSec }))
    .filter((entry): entry is { value: number; weight: number } => entry.value !== null)
    .sort((a, b) => a.value - b.value);
  const total = measured.reduce((sum, entry) => sum + entry.weight, 0);
  if (measured.length === 0 || total <= 0) return null;
  let seen = 0;
  for (const entry of measured) {
    seen += entry.weight;
    if (seen >= total / 2) return entry.value;
  }
  return measured.at(-1)!.value;
}

/**
 * The whole-track measures: the loudness figures of the whole file, and the band balance and
 * width as the duration-weighted median over the sections (when there are two or more), so a
 * loud climax or a quiet intro does not speak for the whole piece. A tempo marked uncertain is
 * left out; a sure one is compared at its octave closest to the range (half and double tempo are
 * the usual estimation errors).
 */
export function genreFeatures(
  result: AnalysisResult,
  weights: GenreFeatureWeights = GENRE_FEATURE_WEIGHTS,
): GenreFeature[] {
  const { loudness, spectrum, stereo, tempo } = result;
  const sections = result.sections && result.sections.length >= 2 ? result.sections : null;
  const w = weights;
  const candidates: (Omit<GenreFeature, 'value' | 'distance'> & { value: number | null })[] = [
    ...BAND_NAMES.map((name) => ({
      label: `${BAND_LABELS[name].toLowerCase()} band`,
      value: sections
        ? sectionMedian(sections, (s) => s.bands.find((band) => band.name === name)?.db ?? null)
        : (spectrum.bands.find((band) => band.name === name)?.db ?? null),
      unit: 'dB',
      weight: w.band,
      range: (profile: GenreProfile) => profile.bandsDb.bands[name],
    })),
    {
      label: 'LRA',
      value: loudness.loudnessRangeLu,
      unit: 'LU',
      weight: w.loudnessRange,
      range: (p) => p.loudnessRangeLu,
    },
    { label: 'PLR', value: loudness.plrDb, unit: 'dB', weight: w.plr, range: (p) => p.plrDb },
    {
      label: 'DR',
      value: loudness.dynamicRangeDb,
      unit: '',
      weight: w.dynamicRange,
      range: (p) => p.dynamicRangeDb,
    },
    {
      label: 'integrated loudness',
      value: loudness.integratedLufs,
      unit: 'LUFS',
      weight: w.integratedLoudness,
      range: (p) => p.integratedLufs,
    },
    {
      label: 'width score',
      value: sections
        ? sectionMedian(sections, (s) => s.stereo?.widthScore ?? null)
        : (stereo?.widthScore ?? null),
      unit: '',
      weight: w.width,
      range: (p) => p.widthScore,
    },
  ];
  const features: GenreFeature[] = candidates
    .filter(
      (feature): feature is typeof feature & { value: number } =>
        feature.value !== null && feature.weight > 0,
    )
    .map((feature) => ({
      ...feature,
      distance: (profile) => {
        const range = feature.range(profile);
        return range === null ? null : rangeDistance(feature.value, range);
      },
    }));
  if (tempo?.bpm != null && !isUncertainTempo(tempo) && w.tempo > 0) {
    const bpm = tempo.bpm;
    features.push({
      label: 'tempo',
      value: bpm,
      unit: 'BPM',
      weight: w.tempo,
      range: (p) => p.tempoBpm,
      distance: (profile) =>
        profile.tempoBpm === null
          ? null
          : Math.min(...[bpm, bpm / 2, bpm * 2].map((v) => rangeDistance(v, profile.tempoBpm!))),
    });
  }
  return features;
}

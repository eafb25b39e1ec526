import type { AnalysisResult } from '@mixscope/contracts';
import { formatNumber as num, formatRange as rangeText } from '@mixscope/present';
import { genreFeatures, type GenreFeature, type GenreFeatureWeights } from './genre-features.ts';
import { GENRE_PROFILES, type GenreProfile } from './genre-profiles.ts';
import { unionProfile } from './union-profile.ts';

/**
 * The automatic choice is sure only when the runner-up's mismatch score is at least this much
 * worse than the best's; otherwise every profile within the margin is a candidate. Set on the
 * corpus's tuning half (bench/genre.bench.mjs), documented in docs/metrics.md#genre-profile-auto.
 */
export const AUTO_GENRE_MARGIN = 0.25;
/**
 * Nor is it sure when the best profile fits poorly: above this mismatch the measures sit, on
 * average, well off the middle of its ranges (a mix spread evenly inside every range scores about
 * 1/3, one at the edges 1), so the closest profiles all become candidates.
 */
export const AUTO_GENRE_FIT_LIMIT = 0.6;
/** At most this many candidates are judged against together. */
export const AUTO_GENRE_MAX_CANDIDATES = 3;

export interface AutoGenreChoice {
  /** What feedback judges against: the best profile when sure, else the candidates' union. */
  profile: GenreProfile;
  sure: boolean;
  /** The best profile first; one entry when sure. */
  candidates: { profile: GenreProfile; score: number | null }[];
  reason: string;
  /** Every profile with its mismatch score (0 = every measure at the middle of its range), best first. */
  ranking: { id: string; score: number }[];
}

/** Weighted mean of the features' capped squared distances from the middle of a profile's ranges. */
export function mismatchScore(features: readonly GenreFeature[], profile: GenreProfile): number {
  let total = 0;
  let weights = 0;
  for (const feature of features) {
    const distance = feature.distance(profile);
    if (distance === null) continue;
    total += feature.weight * distance;
    weights += feature.weight;
  }
  return weights === 0 ? Number.MAX_VALUE : total / weights;
}

/**
 * The candidates of a ranking, best first: the best alone when it fits (score within the fit
 * limit) and leads the runner-up by the margin; else every entry within the margin of the best,
 * or, when even the best fits poorly, the closest ones; at most `max`.
 */
export function candidatesWithin<T extends { score: number }>(
  ranked: readonly T[],
  margin: number = AUTO_GENRE_MARGIN,
  fitLimit: number = AUTO_GENRE_FIT_LIMIT,
  max: number = AUTO_GENRE_MAX_CANDIDATES,
): T[] {
  const [best] = ranked;
  if (best.score > fitLimit) return ranked.slice(0, max);
  return ranked
    .filter((entry) => entry.score - best.score < margin || entry === best)
    .slice(0, max);
}

const round4 = (value: number) => Number(value.toFixed(4));

function describeFit(features: readonly GenreFeature[], profile: GenreProfile): string {
  const inside: string[] = [];
  const missed: string[] = [];
  for (const feature of features) {
    const range = feature.range(profile);
    if (range === null || feature.distance(profile) === null) continue;
    const digits = feature.unit === 'BPM' || feature.unit === '' ? 0 : 1;
    const text = `${feature.label} ${num(feature.value, digits)}${
      feature.unit ? ` ${feature.unit}` : ''
    } (${rangeText(range.min, range.max, feature.unit)})`;
    (feature.value < range.min || feature.value > range.max ? missed : inside).push(text);
  }
  return (
    `${inside.length} of ${inside.length + missed.length} measures inside ${profile.name}'s ranges` +
    (inside.length ? ` (${inside.join(', ')})` : '') +
    (missed.length ? `; outside: ${missed.join(', ')}` : '')
  );
}

/**
 * Picks the profile whose ranges the whole-track measurements fit best (genreFeatures: band
 * balance, loudness range, PLR, DR, loudness, width, a sure tempo), by the weighted mean capped
 * squared distance from the middle of each range. Ranges overlap, so the middle, not the edges,
 * decides. Within AUTO_GENRE_MARGIN of the runner-up, or above AUTO_GENRE_FIT_LIMIT, the choice
 * is unsure, and feedback judges against the union of the candidates' ranges.
 */
export function pickProfileAutomatically(
  result: AnalysisResult,
  /** For the tuning bench only: other weights than GENRE_FEATURE_WEIGHTS. */
  weights?: GenreFeatureWeights,
): AutoGenreChoice {
  const features = genreFeatures(result, weights);
  const ranked = GENRE_PROFILES.map((profile) => ({
    profile,
    score: mismatchScore(features, profile),
  })).sort((a, b) => a.score - b.score);
  const ranking = ranked.map(({ profile, score }) => ({ id: profile.id, score: round4(score) }));

  if (features.length === 0) {
    const candidates = ranked.map(({ profile }) => ({ profile, score: null }));
    return {
      profile: unionProfile(candidates.map((c) => c.profile)),
      sure: false,
      candidates,
      reason:
        'auto: no usable measurements, so the feedback judges against the union of every profile; pick a genre to be specific',
      ranking,
    };
  }
  const candidates = candidatesWithin(ranked).map((c) => ({ ...c, score: round4(c.score) }));
  const sure = candidates.length === 1;
  const [best] = candidates;
  const runnerUp = ranked[1];
  const scores = candidates.map((c) => num(c.score!, 2)).join(', ');
  const margin = num(AUTO_GENRE_MARGIN, 2);
  const why =
    best.score! > AUTO_GENRE_FIT_LIMIT
      ? `no profile fits well, the closest is above the ${num(AUTO_GENRE_FIT_LIMIT, 1)} fit limit`
      : `closer than the ${margin} margin`;
  const reason = sure
    ? `auto: ${best.profile.name} fits best (mismatch ${scores}` +
      (runnerUp
        ? `; next closest ${runnerUp.profile.name} at ${num(runnerUp.score, 2)}, beyond the ${margin} margin; within the ${num(AUTO_GENRE_FIT_LIMIT, 1)} fit limit`
        : '') +
      `), with ${describeFit(features, best.profile)}. Picked from measurements alone; choose a genre if this is wrong.`
    : `auto: between ${candidates.map((c) => c.profile.name).join(' and ')} (mismatch ${scores}; ` +
      `${why}), so the feedback judges against the union of their ranges; ` +
      `${describeFit(features, best.profile)}. Choose a genre to be specific.`;
  return {
    profile: sure ? best.profile : unionProfile(candidates.map((c) => c.profile)),
    sure,
    candidates,
    reason,
    ranking,
  };
}

import type { AnalysisResult } from '@mixscope/contracts';
import { formatNumber as num, formatRange as rangeText } from '@mixscope/present';
import { genreFeatures, type GenreFeature } from './genre-features.ts';
import { GENRE_PROFILES, type GenreProfile } from './genre-profiles.ts';
import { unionProfile } from './union-profile.ts';

/**
 * The automatic choice is sure only when the runner-up's mismatch score is at least this much
 * worse than the best's; otherwise every profile within the margin is a candidate. Set on the
 * corpus's tuning half (bench/genre.bench.mjs), documented in docs/metrics.md#genre-profile-auto.
 */
export const AUTO_GENRE_MARGIN = 0.25;
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

/** The best-ranked entries within the margin of the first (the first always). */
export function candidatesWithin<T extends { score: number }>(
  ranked: readonly T[],
  margin: number = AUTO_GENRE_MARGIN,
  max: number = AUTO_GENRE_MAX_CANDIDATES,
): T[] {
  const [best] = ranked;
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
 * decides. Within AUTO_GENRE_MARGIN of the runner-up the choice is unsure, and feedback judges
 * against the union of the candidates' ranges.
 */
export function pickProfileAutomatically(result: AnalysisResult): AutoGenreChoice {
  const features = genreFeatures(result);
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
  const reason = sure
    ? `auto: ${best.profile.name} fits best (mismatch ${scores}` +
      (runnerUp
        ? `; next closest ${runnerUp.profile.name} at ${num(runnerUp.score, 2)}, beyond the ${margin} margin`
        : '') +
      `), with ${describeFit(features, best.profile)}. Picked from measurements alone; choose a genre if this is wrong.`
    : `auto: between ${candidates.map((c) => c.profile.name).join(' and ')} (mismatch ${scores}, ` +
      `closer than the ${margin} margin), so the feedback judges against the union of their ranges; ` +
      `${describeFit(features, best.profile)}. Choose a genre to be specific.`;
  return {
    profile: sure ? best.profile : unionProfile(candidates.map((c) => c.profile)),
    sure,
    candidates,
    reason,
    ranking,
  };
}

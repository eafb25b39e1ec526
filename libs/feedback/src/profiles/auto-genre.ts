import { BAND_LABELS, BAND_NAMES, type AnalysisResult } from '@mixscope/contracts';
import { formatNumber as num, formatRange as rangeText } from '@mixscope/present';
import { GENRE_PROFILES, type GenreProfile, type Range } from './genre-profiles.ts';

interface Feature {
  label: string;
  value: number | null;
  unit: string;
  weight: number;
  range(profile: GenreProfile): Range | null;
}

/** The measurements that tell genres apart, with how much each counts. */
function features(result: AnalysisResult): Feature[] {
  const { loudness, spectrum, stereo, tempo } = result;
  const bandFeatures: Feature[] = BAND_NAMES.map((name) => ({
    label: `${BAND_LABELS[name].toLowerCase()} band`,
    value: spectrum.bands.find((band) => band.name === name)?.db ?? null,
    unit: 'dB',
    weight: 1,
    range: (profile) => profile.bandsDb.bands[name],
  }));
  return [
    { label: 'PLR', value: loudness.plrDb, unit: 'dB', weight: 1.5, range: (p) => p.plrDb },
    {
      label: 'DR',
      value: loudness.dynamicRangeDb,
      unit: '',
      weight: 1,
      range: (p) => p.dynamicRangeDb,
    },
    {
      label: 'LRA',
      value: loudness.loudnessRangeLu,
      unit: 'LU',
      weight: 1,
      range: (p) => p.loudnessRangeLu,
    },
    {
      label: 'integrated loudness',
      value: loudness.integratedLufs,
      unit: 'LUFS',
      weight: 1,
      range: (p) => p.integratedLufs,
    },
    ...bandFeatures,
    // Tempo estimates can be off by an octave, so tempo only nudges the choice.
    {
      label: 'tempo',
      value: tempo?.bpm ?? null,
      unit: 'BPM',
      weight: 0.5,
      range: (p) => p.tempoBpm,
    },
    {
      label: 'width score',
      value: stereo?.widthScore ?? null,
      unit: '',
      weight: 0.3,
      range: (p) => p.widthScore,
    },
  ];
}

function outside(value: number, range: Range): boolean {
  return value < range.min || value > range.max;
}

/** Squared distance from the range's middle in half-widths: 0 at the middle, 1 at an edge. */
function distance(value: number, range: Range): number {
  const half = (range.max - range.min) / 2;
  return ((value - (range.min + range.max) / 2) / half) ** 2;
}

export interface AutoGenreChoice {
  profile: GenreProfile;
  reason: string;
  /** Every profile with its mismatch score (0 = every measure at the middle of its range), best first. */
  ranking: { id: string; score: number }[];
}

/**
 * Picks the profile whose ranges the measurements fit best: the weighted mean squared distance
 * of each measure from the middle of the profile's range, in half-widths (PLR, DR, LRA,
 * loudness, six bands, tempo, width). Ranges overlap, so the middle, not the edges, decides.
 */
export function pickProfileAutomatically(result: AnalysisResult): AutoGenreChoice {
  const measured = features(result).filter((feature) => feature.value !== null);
  const scored = GENRE_PROFILES.map((profile) => {
    let total = 0;
    let weights = 0;
    for (const feature of measured) {
      const range = feature.range(profile);
      if (range === null) continue;
      total += feature.weight * distance(feature.value!, range);
      weights += feature.weight;
    }
    return { profile, score: weights === 0 ? Number.MAX_VALUE : total / weights };
  });
  const ranked = [...scored].sort((a, b) => a.score - b.score);
  const best = ranked[0].profile;
  const runnerUp = ranked[1];

  const inside: string[] = [];
  const missed: string[] = [];
  for (const feature of measured) {
    const range = feature.range(best);
    if (range === null) continue;
    const text = `${feature.label} ${num(feature.value!, feature.unit === 'BPM' || feature.unit === '' ? 0 : 1)}${
      feature.unit ? ` ${feature.unit}` : ''
    } (${rangeText(range.min, range.max, feature.unit)})`;
    (outside(feature.value!, range) ? missed : inside).push(text);
  }
  const counted = inside.length + missed.length;
  const reason =
    measured.length === 0
      ? `auto: no usable measurements, so the ${best.name} profile applies by default; pick a genre to be sure`
      : `auto: ${best.name} fits best, with ${inside.length} of ${counted} measures inside its ranges` +
        (inside.length ? ` (${inside.join(', ')})` : '') +
        (missed.length ? `; outside: ${missed.join(', ')}` : '') +
        (runnerUp ? `; next closest: ${runnerUp.profile.name}` : '') +
        '. Picked from measurements alone; choose a genre if this is wrong.';
  return {
    profile: best,
    reason,
    ranking: ranked.map(({ profile, score }) => ({
      id: profile.id,
      score: Number(score.toFixed(4)),
    })),
  };
}

import type { BandName } from '@mixscope/contracts';
import { FeedbackError } from '../errors.ts';
import { GENRE_DATA as profileData } from '@mixscope/contracts';

export const BAND_NAMES: readonly BandName[] = [
  'sub',
  'bass',
  'lowMids',
  'mids',
  'highMids',
  'air',
];

export interface Range {
  min: number;
  max: number;
}

/** A range with its source resolved to the citation text. */
export interface SourcedRange extends Range {
  source: string;
}

export interface GenreProfile {
  id: string;
  name: string;
  aliases: string[];
  description: string;
  integratedLufs: SourcedRange;
  plrDb: SourcedRange;
  dynamicRangeDb: SourcedRange;
  loudnessRangeLu: SourcedRange;
  bandsDb: { source: string; bands: Record<BandName, Range> };
  widthScore: SourcedRange;
  lowEndCorrelationMin: { sub: number; bass: number; source: string };
  tempoBpm: SourcedRange | null;
}

interface RawRange extends Range {
  source: string;
}

type RawProfile = Omit<GenreProfile, 'tempoBpm'> & { tempoBpm: RawRange | null };

function resolveSources(sources: Record<string, string>, raw: RawProfile): GenreProfile {
  const cite = (key: string): string => {
    const text = sources[key];
    if (text === undefined) {
      throw new FeedbackError(
        'INVALID_PROFILES',
        `genre profile ${raw.id}: unknown source "${key}"`,
      );
    }
    return text;
  };
  const ranged = (name: string, range: RawRange): SourcedRange => {
    if (!(Number.isFinite(range.min) && Number.isFinite(range.max) && range.min < range.max)) {
      throw new FeedbackError(
        'INVALID_PROFILES',
        `genre profile ${raw.id}: ${name} needs min < max`,
      );
    }
    return { min: range.min, max: range.max, source: cite(range.source) };
  };
  for (const band of BAND_NAMES) {
    const range = raw.bandsDb.bands[band];
    if (!range || !(range.min < range.max)) {
      throw new FeedbackError(
        'INVALID_PROFILES',
        `genre profile ${raw.id}: band ${band} needs min < max`,
      );
    }
  }
  return {
    ...raw,
    integratedLufs: ranged('integratedLufs', raw.integratedLufs),
    plrDb: ranged('plrDb', raw.plrDb),
    dynamicRangeDb: ranged('dynamicRangeDb', raw.dynamicRangeDb),
    loudnessRangeLu: ranged('loudnessRangeLu', raw.loudnessRangeLu),
    widthScore: ranged('widthScore', raw.widthScore),
    bandsDb: { source: cite(raw.bandsDb.source), bands: raw.bandsDb.bands },
    lowEndCorrelationMin: {
      ...raw.lowEndCorrelationMin,
      source: cite(raw.lowEndCorrelationMin.source),
    },
    tempoBpm: raw.tempoBpm === null ? null : ranged('tempoBpm', raw.tempoBpm),
  };
}

export const GENRE_PROFILES: readonly GenreProfile[] = (profileData.profiles as RawProfile[]).map(
  (raw) => resolveSources(profileData.sources as Record<string, string>, raw),
);

const normalise = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');

/** Finds a profile by id or alias ("EDM", "r&b", "Hip Hop"); throws UNKNOWN_GENRE otherwise. */
export function findProfile(name: string): GenreProfile {
  const wanted = normalise(name);
  const found = GENRE_PROFILES.find(
    (profile) =>
      profile.id === wanted || profile.aliases.some((alias) => normalise(alias) === wanted),
  );
  if (!found) {
    const known = GENRE_PROFILES.map((profile) => profile.id).join(', ');
    throw new FeedbackError(
      'UNKNOWN_GENRE',
      `unknown genre "${name}"; use auto or one of: ${known}`,
    );
  }
  return found;
}

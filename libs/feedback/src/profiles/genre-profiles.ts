import {
  GENRE_PROFILE_DATA,
  GENRE_SOURCES,
  resolveGenreId,
  type BandName,
  type GenreProfileData,
} from '@mixscope/contracts';
import { FeedbackError } from '../errors.ts';

export interface Range {
  min: number;
  max: number;
}

/** A range with its source resolved to the citation text. */
export interface SourcedRange extends Range {
  source: string;
}

/** A genre profile from the contract's table, with every source key replaced by its citation. */
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

/** The table's schema has checked that every source key exists. */
const cite = (key: string): string => GENRE_SOURCES[key];

const sourced = (range: SourcedRange): SourcedRange => ({ ...range, source: cite(range.source) });

function withCitations(data: GenreProfileData): GenreProfile {
  return {
    ...data,
    integratedLufs: sourced(data.integratedLufs),
    plrDb: sourced(data.plrDb),
    dynamicRangeDb: sourced(data.dynamicRangeDb),
    loudnessRangeLu: sourced(data.loudnessRangeLu),
    widthScore: sourced(data.widthScore),
    bandsDb: { source: cite(data.bandsDb.source), bands: data.bandsDb.bands },
    lowEndCorrelationMin: {
      ...data.lowEndCorrelationMin,
      source: cite(data.lowEndCorrelationMin.source),
    },
    tempoBpm: data.tempoBpm === null ? null : sourced(data.tempoBpm),
  };
}

export const GENRE_PROFILES: readonly GenreProfile[] = GENRE_PROFILE_DATA.map(withCitations);

/** Finds a profile by id or alias ("EDM", "r&b", "Hip Hop"); throws UNKNOWN_GENRE otherwise. */
export function findProfile(name: string): GenreProfile {
  const id = resolveGenreId(name);
  const found = GENRE_PROFILES.find((profile) => profile.id === id);
  if (!found) {
    const known = GENRE_PROFILES.map((profile) => profile.id).join(', ');
    throw new FeedbackError(
      'UNKNOWN_GENRE',
      `unknown genre "${name}"; use auto or one of: ${known}`,
    );
  }
  return found;
}

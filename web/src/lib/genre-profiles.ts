/** The genre profiles' names and band ranges, from the contract's genre table. */
import {
  BAND_NAMES,
  GENRE_PROFILE_DATA,
  type GenreProfileData,
  type ProfileChoice,
} from '@mixscope/contracts';

export interface GenreOption {
  id: string;
  name: string;
  description: string;
  bands: GenreProfileData['bandsDb']['bands'];
}

export const GENRE_OPTIONS: readonly GenreOption[] = GENRE_PROFILE_DATA.map((profile) => ({
  id: profile.id,
  name: profile.name,
  description: profile.description,
  bands: profile.bandsDb.bands,
}));

export function genreById(id: string | null | undefined): GenreOption | null {
  if (!id) return null;
  return GENRE_OPTIONS.find((genre) => genre.id === id) ?? null;
}

/**
 * The band ranges a report judged against: the chosen profile's, or for an unsure automatic choice
 * the union of its candidates' ranges (as the feedback does), under the report's name.
 */
export function genreForChoice(
  choice: ProfileChoice | null | undefined,
  fallbackId?: string | null,
): GenreOption | null {
  if (!choice) return genreById(fallbackId);
  const candidates = (choice.sure === false ? (choice.candidates ?? []) : [])
    .map((candidate) => genreById(candidate.id))
    .filter((genre): genre is GenreOption => genre !== null);
  if (candidates.length < 2) return genreById(choice.id);
  const bands = Object.fromEntries(
    BAND_NAMES.map((name) => [
      name,
      {
        min: Math.min(...candidates.map((genre) => genre.bands[name].min)),
        max: Math.max(...candidates.map((genre) => genre.bands[name].max)),
      },
    ]),
  ) as GenreOption['bands'];
  return {
    id: choice.id,
    name: choice.name,
    description: `Any of: ${candidates.map((genre) => genre.name).join('; ')}`,
    bands,
  };
}

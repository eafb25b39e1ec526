/** The genre profiles' names and band ranges, from the contract's genre table. */
import { GENRE_PROFILE_DATA, type GenreProfileData } from '@mixscope/contracts';

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

/** The genre profiles' names and band ranges, read from the feedback library's data file. */
import { GENRE_DATA as profileData } from '@mixscope/contracts';

export interface GenreOption {
  id: string;
  name: string;
  description: string;
  bands: Record<string, { min: number; max: number }>;
}

interface RawProfile {
  id: string;
  name: string;
  description: string;
  bandsDb: { bands: Record<string, { min: number; max: number }> };
}

export const GENRE_OPTIONS: GenreOption[] = (profileData.profiles as RawProfile[]).map(
  (profile) => ({
    id: profile.id,
    name: profile.name,
    description: profile.description,
    bands: profile.bandsDb.bands,
  }),
);

export function genreById(id: string | null | undefined): GenreOption | null {
  if (!id) return null;
  return GENRE_OPTIONS.find((genre) => genre.id === id) ?? null;
}

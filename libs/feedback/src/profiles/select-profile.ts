import {
  AUTO_GENRE,
  normaliseGenreName,
  type AnalysisResult,
  type ProfileChoice,
  type TargetProfile,
} from '@mixscope/contracts';
import { pickProfileAutomatically } from './auto-genre.ts';
import { findProfile, type GenreProfile } from './genre-profiles.ts';
import { describeTargetProfile } from './target-profile.ts';

export interface SelectedProfile {
  profile: GenreProfile;
  choice: ProfileChoice;
}

/** The user's genre, or "auto" (also when none is given): the best fit to the measurements. */
export function selectProfile(result: AnalysisResult, genre: string | undefined): SelectedProfile {
  if (genre === undefined || ['', AUTO_GENRE].includes(normaliseGenreName(genre))) {
    const auto = pickProfileAutomatically(result);
    return {
      profile: auto.profile,
      choice: {
        id: auto.candidates[0].profile.id,
        name: auto.profile.name,
        chosenBy: 'auto',
        reason: auto.reason,
        sure: auto.sure,
        candidates: auto.candidates.map(({ profile, score }) => ({
          id: profile.id,
          name: profile.name,
          score,
        })),
      },
    };
  }
  const profile = findProfile(genre);
  return {
    profile,
    choice: {
      id: profile.id,
      name: profile.name,
      chosenBy: 'user',
      reason: `chosen: ${profile.name}`,
      sure: true,
    },
  };
}

/** A profile built from the user's own references: judged against like a genre the user chose. */
export function selectTargetProfile(target: TargetProfile): SelectedProfile {
  return {
    profile: target,
    choice: {
      id: target.id,
      name: target.name,
      chosenBy: 'references',
      reason: describeTargetProfile(target),
    },
  };
}

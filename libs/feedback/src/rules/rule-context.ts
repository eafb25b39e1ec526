import type { AnalysisResult, Finding, PlatformRow } from '@mixscope/contracts';
import type { GenreProfile } from '../profiles/genre-profiles.ts';

export interface RuleContext {
  result: AnalysisResult;
  profile: GenreProfile;
  /** The loudness table rows of the platforms the user targets. */
  platforms: PlatformRow[];
}

/** One group of checks: reads the measurements, returns its findings (empty when it has nothing to say). */
export type Rule = (context: RuleContext) => Finding[];

/** Typical stereo and level checks that hold for every genre. */
export const CONVENTION_SOURCE =
  'Mixing and mastering practice (MixScope default threshold; not genre specific)';

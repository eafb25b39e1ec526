import { BAND_NAMES, type BandName } from '@mixscope/contracts';
import type { GenreProfile, Range, SourcedRange } from './genre-profiles.ts';

const span = (ranges: Range[]): Range => ({
  min: Math.min(...ranges.map((range) => range.min)),
  max: Math.max(...ranges.map((range) => range.max)),
});

const sources = (texts: string[]): string => [...new Set(texts)].join(' ');

const sourcedSpan = (ranges: SourcedRange[]): SourcedRange => ({
  ...span(ranges),
  source: sources(ranges.map((range) => range.source)),
});

/**
 * One profile whose every range covers all of the given profiles' ranges: what feedback judges
 * against when the automatic choice cannot tell the candidates apart, so that nothing is flagged
 * that would be in range for any of them. The id is the first (best) profile's.
 */
export function unionProfile(profiles: readonly GenreProfile[]): GenreProfile {
  if (profiles.length === 0) throw new Error('unionProfile needs at least one profile');
  if (profiles.length === 1) return profiles[0];
  const [first] = profiles;
  const bands = Object.fromEntries(
    BAND_NAMES.map((name) => [name, span(profiles.map((p) => p.bandsDb.bands[name]))]),
  ) as Record<BandName, Range>;
  const tempos = profiles.map((p) => p.tempoBpm);
  const names = profiles.map((p) => p.name);
  return {
    id: first.id,
    name: `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`,
    aliases: [],
    description: `Any of: ${names.join('; ')} (the automatic choice could not tell them apart).`,
    integratedLufs: sourcedSpan(profiles.map((p) => p.integratedLufs)),
    plrDb: sourcedSpan(profiles.map((p) => p.plrDb)),
    dynamicRangeDb: sourcedSpan(profiles.map((p) => p.dynamicRangeDb)),
    loudnessRangeLu: sourcedSpan(profiles.map((p) => p.loudnessRangeLu)),
    bandsDb: { source: sources(profiles.map((p) => p.bandsDb.source)), bands },
    widthScore: sourcedSpan(profiles.map((p) => p.widthScore)),
    lowEndCorrelationMin: {
      sub: Math.min(...profiles.map((p) => p.lowEndCorrelationMin.sub)),
      bass: Math.min(...profiles.map((p) => p.lowEndCorrelationMin.bass)),
      source: sources(profiles.map((p) => p.lowEndCorrelationMin.source)),
    },
    // A candidate without a typical tempo makes any tempo fit the union.
    tempoBpm: tempos.some((t) => t === null) ? null : sourcedSpan(tempos as SourcedRange[]),
  };
}

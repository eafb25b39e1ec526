import { findPlatform, type PlatformSpec } from '@mixscope/contracts';

/** What the feedback rules need to know about a loudness-table row's platform. */
export type PlatformTraits = Pick<PlatformSpec, 'truePeakLimitAppliesTo' | 'normalization'> & {
  toleranceLu: number | null;
};

/** A row from a table this data does not describe is read the stricter way: limits apply to the master. */
const UNKNOWN: PlatformTraits = {
  truePeakLimitAppliesTo: 'master',
  normalization: 'up-and-down',
  toleranceLu: null,
};

export function platformTraits(id: string): PlatformTraits {
  const spec = findPlatform(id);
  if (!spec) return UNKNOWN;
  return {
    truePeakLimitAppliesTo: spec.truePeakLimitAppliesTo,
    normalization: spec.normalization,
    toleranceLu: spec.toleranceLu ?? null,
  };
}

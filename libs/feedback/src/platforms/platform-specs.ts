import { PLATFORM_DATA as platformData } from '@mixscope/contracts';

/**
 * What the feedback rules need from the loudness table's source data (the same platforms.json
 * the analyser builds PlatformRow from): where each true-peak limit applies, and the tolerance.
 */
export interface PlatformTraits {
  /** 'master': the file as delivered, encoded before any gain; 'normalized': after the gain. */
  truePeakLimitAppliesTo: 'master' | 'normalized';
  normalization: 'up-and-down' | 'down-only' | 'none';
  toleranceLu: number | null;
}

const TRAITS = new Map<string, PlatformTraits>(
  (platformData.platforms as Record<string, unknown>[]).map((spec) => [
    String(spec.id),
    {
      truePeakLimitAppliesTo:
        spec.truePeakLimitAppliesTo === 'normalized' ? 'normalized' : 'master',
      normalization:
        spec.normalization === 'down-only' || spec.normalization === 'none'
          ? spec.normalization
          : 'up-and-down',
      toleranceLu: typeof spec.toleranceLu === 'number' ? spec.toleranceLu : null,
    },
  ]),
);

/** A row from a table this data does not describe is read the stricter way: limits apply to the master. */
const UNKNOWN: PlatformTraits = {
  truePeakLimitAppliesTo: 'master',
  normalization: 'up-and-down',
  toleranceLu: null,
};

export function platformTraits(id: string): PlatformTraits {
  return TRAITS.get(id) ?? UNKNOWN;
}

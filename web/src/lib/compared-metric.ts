/** Labels, decimals and delta units of the metrics a reference comparison lists, from the contract's table. */
import { COMPARED_METRICS } from '@mixscope/contracts';
import { deltaUnit, humanize } from '@mixscope/present';

export interface MetricPresentation {
  label: string;
  decimals: number;
  /** Unit of a difference of two values: LUFS minus LUFS is LU. */
  deltaUnit: (unit: string) => string;
}

export function comparedMetric(metric: string): MetricPresentation {
  const known = COMPARED_METRICS.find((entry) => entry.metric === metric);
  return {
    label: known?.label ?? humanize(metric),
    decimals: known?.decimals ?? 1,
    deltaUnit,
  };
}

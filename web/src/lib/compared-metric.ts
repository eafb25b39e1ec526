/** Labels, decimals and delta units of the metrics a reference comparison lists, from the analysis library. */
import { COMPARED_METRICS } from '@mixscope/contracts';
import { humanize } from './format.ts';

const DELTA_UNIT: Record<string, string> = { LUFS: 'LU', dBTP: 'dB', dBFS: 'dB' };

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
    deltaUnit: (unit) => DELTA_UNIT[unit] ?? unit,
  };
}

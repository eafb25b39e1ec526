import { BANDS } from '@mixscope/contracts';

/** The range every spectral figure covers: from the lowest band's edge to the highest's. */
export const ANALYSIS_LOW_HZ = BANDS[0].lowHz;
export const ANALYSIS_HIGH_HZ = BANDS[BANDS.length - 1].highHz;

/** Bins [from, to) whose centre frequency lies in [lowHz, highHz), clipped to the bins there are. */
export function binRange(
  lowHz: number,
  highHz: number,
  binHz: number,
  binCount: number,
): [number, number] {
  const from = Math.min(binCount, Math.ceil(lowHz / binHz));
  const to = Math.min(binCount, Math.ceil(highHz / binHz));
  return [from, Math.max(from, to)];
}

/** Float64 sum of values[from..to). */
export function sumRange(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let k = from; k < to; k++) sum += values[k];
  return sum;
}

/** Sum of `values` over each band's bins, in BANDS order; null for a band with no bins (above Nyquist). */
export function bandSums(values: Float64Array, binHz: number): (number | null)[] {
  return BANDS.map((band) => {
    const [from, to] = binRange(band.lowHz, band.highHz, binHz, values.length);
    return to > from ? sumRange(values, from, to) : null;
  });
}

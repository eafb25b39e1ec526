import type { BandName, StereoBand } from '@mixscope/contracts';

/** Perceptual weight of each band's width (the original tool's specification): highs count most. */
export const WIDTH_WEIGHTS: Readonly<Record<BandName, number>> = {
  sub: 0.05,
  bass: 0.1,
  lowMids: 0.25,
  mids: 0.4,
  highMids: 0.7,
  air: 0.9,
};

/** Weighted mean of the measured bands' widths, 0-100; null when no band was measured. */
export function widthScore(bands: readonly StereoBand[]): number | null {
  let weighted = 0;
  let weights = 0;
  for (const band of bands) {
    if (band.width === null) continue;
    weighted += WIDTH_WEIGHTS[band.name] * band.width;
    weights += WIDTH_WEIGHTS[band.name];
  }
  return weights > 0 ? (100 * weighted) / weights : null;
}

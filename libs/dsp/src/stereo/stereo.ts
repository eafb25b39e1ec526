import { powerToDb, round } from '../math/level.ts';
import type { PairSpectrum } from '../spectrum/pair-spectrum.ts';
import type { BandName, Reasons, StereoResult } from '@mixscope/contracts';
import { bandCorrelations } from './band-correlation.ts';
import { correlationOf, stereoSums } from './stereo-sums.ts';
import { widthScore } from './width-score.ts';

/**
 * Stereo image of a channel pair: whole-file correlation, balance and side/mid from time-domain
 * sums; per-band correlation and width from the pair's averaged cross-spectrum.
 * `foldDownLossDb` stays null for the caller to fill from the loudness measurement.
 */
export function measureStereo(
  left: Float32Array,
  right: Float32Array,
  pair: PairSpectrum,
): StereoResult {
  const reasons: Reasons = {};
  const sums = stereoSums(left, right);
  const leftSilent = !(sums.left > 0);
  const rightSilent = !(sums.right > 0);
  const silentSide =
    leftSilent && rightSilent
      ? 'both channels are silent'
      : leftSilent
        ? 'the left channel is silent'
        : 'the right channel is silent';

  const correlation = correlationOf(sums.product, sums.left, sums.right);
  if (correlation === null) reasons.correlation = silentSide;

  const balanceDb = leftSilent || rightSilent ? null : powerToDb(sums.left / sums.right);
  if (balanceDb === null) reasons.balanceDb = silentSide;

  let sideToMidDb: number | null = null;
  if (!(sums.sum > 0) && !(sums.difference > 0)) reasons.sideToMidDb = 'both channels are silent';
  else if (!(sums.difference > 0))
    reasons.sideToMidDb = 'no side signal: the channels are identical';
  else if (!(sums.sum > 0))
    reasons.sideToMidDb = 'no mid signal: one channel is the inverse of the other';
  else sideToMidDb = powerToDb(sums.difference / sums.sum);

  const bands = bandCorrelations(pair, reasons);
  const score = widthScore(bands);
  if (score === null) reasons.widthScore = 'no band has enough signal to judge its width';
  const outOfPhaseBands: BandName[] = bands
    .filter((band) => band.correlation !== null && band.correlation < 0)
    .map((band) => band.name);

  return {
    correlation: round(correlation, 3),
    balanceDb: round(balanceDb),
    sideToMidDb: round(sideToMidDb),
    widthScore: round(score, 1),
    bands,
    monoCompatibility: { foldDownLossDb: null, outOfPhaseBands },
    reasons,
  };
}

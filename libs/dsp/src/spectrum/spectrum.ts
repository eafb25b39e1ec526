import { powerToDb, round } from '../math/level.ts';
import { BANDS, type Reasons, type SpectrumBand, type SpectrumResult } from '@mixscope/contracts';
import { bandSums } from './bands.ts';
import type { PowerSpectrum } from './pair-spectrum.ts';
import { spectralShape } from './spectral-shape.ts';
import { spectrumCurve } from './spectrum-curve.ts';

/** Below this mean square (-200 dBFS) over 20 Hz-20 kHz there is nothing to take shares of. */
export const SILENT_MEAN_SQUARE = 1e-20;

export const SILENCE_REASON = 'silent: no signal between 20 Hz and 20 kHz';

export interface SilenceRule {
  /** Mean square over 20 Hz-20 kHz at or below which the spectrum counts as empty. */
  belowMeanSquare: number;
  /** What the reasons map says then. */
  reason: string;
}

/** Band shares, levels, curve and shape of a long-term power spectrum. */
export function spectrumResult(
  spectrum: PowerSpectrum,
  silence: SilenceRule = { belowMeanSquare: SILENT_MEAN_SQUARE, reason: SILENCE_REASON },
): SpectrumResult {
  const reasons: Reasons = {};
  const sums = bandSums(spectrum.power, spectrum.binHz);
  const total = bandTotal(sums);
  const silent = spectrum.frameCount === 0 || !(total > silence.belowMeanSquare);
  const silenceReason = silence.reason;
  const nyquistHz = spectrum.sampleRate / 2;

  const bands: SpectrumBand[] = BANDS.map((band, i) => {
    const sum = sums[i];
    const result: SpectrumBand = {
      name: band.name,
      lowHz: band.lowHz,
      highHz: band.highHz,
      share: null,
      db: null,
      levelDbfs: null,
    };
    if (sum === null) {
      reasons[`bands.${band.name}`] = `above the Nyquist frequency (${nyquistHz} Hz) of this file`;
      return result;
    }
    if (silent) return result;
    const share = sum / total;
    result.share = round(share, 6);
    result.db = round(powerToDb(share));
    result.levelDbfs = round(powerToDb(sum));
    if (result.db === null) reasons[`bands.${band.name}`] = 'no power in this band';
    return result;
  });

  if (silent) {
    const why = spectrum.frameCount === 0 ? 'no samples to analyse' : silenceReason;
    reasons.bands = why;
    reasons.centroidHz = why;
    reasons.rolloffHz = why;
    reasons.flatness = why;
    reasons.curve = why;
    return {
      bands,
      curve: { frequenciesHz: [], db: [] },
      centroidHz: null,
      rolloffHz: null,
      flatness: null,
      reasons,
    };
  }

  const shape = spectralShape(spectrum);
  if (!shape) {
    reasons.centroidHz = reasons.rolloffHz = reasons.flatness = silenceReason;
  }
  return {
    bands,
    curve: spectrumCurve(spectrum),
    centroidHz: shape ? round(shape.centroidHz, 1) : null,
    rolloffHz: shape ? round(shape.rolloffHz, 1) : null,
    flatness: shape ? round(shape.flatness, 4) : null,
    reasons,
  };
}

/** Sum of the band sums that exist (bands above Nyquist have none). */
export function bandTotal(sums: readonly (number | null)[]): number {
  return sums.reduce<number>((acc, sum) => acc + (sum ?? 0), 0);
}

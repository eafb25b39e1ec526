import { round } from '../math/level.ts';
import { ANALYSIS_HIGH_HZ, ANALYSIS_LOW_HZ } from './bands.ts';
import type { PowerSpectrum } from './pair-spectrum.ts';

export const CURVE_POINTS = 120;
/** Smoothing width in octaves: each point averages the bins within ±1/12 octave of it. */
export const CURVE_SMOOTHING_OCTAVES = 1 / 6;
/** Stands in for zero power so the curve never holds -Infinity. */
export const CURVE_FLOOR_DB = -200;

export interface SpectrumCurve {
  frequenciesHz: number[];
  db: number[];
}

/**
 * Log-spaced points from 20 Hz to 20 kHz (or Nyquist), each the 1/6-octave average of the power
 * spectrum, as power spectral density in dB re full scale² per Hz: independent of the sample rate
 * and FFT size, so a reference at another rate overlays directly.
 */
export function spectrumCurve(spectrum: PowerSpectrum, points = CURVE_POINTS): SpectrumCurve {
  const { power, binHz } = spectrum;
  const lastBin = power.length - 1;
  const highHz = Math.min(ANALYSIS_HIGH_HZ, lastBin * binHz);
  const frequenciesHz: number[] = [];
  const db: number[] = [];
  if (highHz <= ANALYSIS_LOW_HZ || points < 2) return { frequenciesHz, db };

  const ratio = highHz / ANALYSIS_LOW_HZ;
  const halfWidth = 2 ** (CURVE_SMOOTHING_OCTAVES / 2);
  for (let p = 0; p < points; p++) {
    const centre = ANALYSIS_LOW_HZ * ratio ** (p / (points - 1));
    const from = Math.max(0, Math.ceil(centre / halfWidth / binHz));
    const to = Math.min(lastBin, Math.floor((centre * halfWidth) / binHz));
    let mean: number;
    if (to >= from) {
      let sum = 0;
      for (let k = from; k <= to; k++) sum += power[k];
      mean = sum / (to - from + 1);
    } else {
      // Narrower than one bin (low frequencies): interpolate between the two neighbouring bins.
      const x = centre / binHz;
      const k = Math.min(lastBin - 1, Math.floor(x));
      const t = x - k;
      mean = power[k] * (1 - t) + power[k + 1] * t;
    }
    const density = mean / binHz;
    frequenciesHz.push(round(centre, 2) as number);
    db.push(
      density > 0
        ? Math.max(CURVE_FLOOR_DB, round(10 * Math.log10(density), 2) as number)
        : CURVE_FLOOR_DB,
    );
  }
  return { frequenciesHz, db };
}

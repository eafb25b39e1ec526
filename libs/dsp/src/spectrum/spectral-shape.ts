import { ANALYSIS_HIGH_HZ, ANALYSIS_LOW_HZ, binRange } from './bands.ts';
import { amplitudeFlatness, centroidBin } from './meyda-features.ts';
import type { PowerSpectrum } from './pair-spectrum.ts';

export const ROLLOFF_FRACTION = 0.85;

export interface SpectralShape {
  centroidHz: number;
  rolloffHz: number;
  flatness: number;
}

/**
 * Centroid, 85 % rolloff and flatness of the long-term spectrum over 20 Hz-20 kHz.
 * Centroid and flatness are meyda's extractors applied to the averaged (RMS) amplitude spectrum.
 * Rolloff is computed here: meyda's is fixed at 99 % of the amplitude sum and derives its bin width
 * from the array length, which is wrong for a band-limited slice. Ours is the frequency below which
 * 85 % of the power lies. Null when the range holds no power.
 */
export function spectralShape(spectrum: PowerSpectrum): SpectralShape | null {
  const { power, binHz } = spectrum;
  const [from, to] = binRange(ANALYSIS_LOW_HZ, ANALYSIS_HIGH_HZ, binHz, power.length);
  if (to <= from) return null;

  const amplitude = new Float32Array(to - from);
  let total = 0;
  for (let k = from; k < to; k++) {
    amplitude[k - from] = Math.sqrt(power[k]);
    total += power[k];
  }
  if (!(total > 0)) return null;

  const target = ROLLOFF_FRACTION * total;
  let cumulative = 0;
  let rolloffBin = to - 1;
  for (let k = from; k < to; k++) {
    cumulative += power[k];
    if (cumulative >= target) {
      rolloffBin = k;
      break;
    }
  }

  const centroid = centroidBin(amplitude);
  const flatness = amplitudeFlatness(amplitude);
  if (!Number.isFinite(centroid) || !Number.isFinite(flatness)) return null;
  return {
    centroidHz: (from + centroid) * binHz,
    rolloffHz: rolloffBin * binHz,
    flatness: Math.min(1, Math.max(0, flatness)),
  };
}

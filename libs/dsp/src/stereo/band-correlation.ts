import { round } from '../math/level.ts';
import { bandSums } from '../spectrum/bands.ts';
import type { PairSpectrum } from '../spectrum/pair-spectrum.ts';
import { BANDS, type Reasons, type StereoBand } from '@mixscope/contracts';
import { correlationOf } from './stereo-sums.ts';

/**
 * A band this far below the whole (L and R power, 20 Hz-20 kHz) holds only leakage, dither or
 * noise: its correlation would describe that, not the mix, so it is left unmeasured.
 */
export const MIN_BAND_POWER_DB = -60;

/** Stereo width of a band: 0 for mono, 1 for unrelated or out-of-phase channels. */
export function widthOf(correlation: number): number {
  return Math.max(0, Math.min(1, 1 - correlation));
}

/**
 * Per-band correlation from the averaged cross-spectrum: by Parseval, summing Re(L·R*), |L|² and
 * |R|² over a band's bins gives the ΣLR, ΣL² and ΣR² of the band-limited signals.
 */
export function bandCorrelations(pair: PairSpectrum, reasons: Reasons): StereoBand[] {
  const left = bandSums(pair.left, pair.binHz);
  const right = bandSums(pair.right, pair.binHz);
  const cross = bandSums(pair.cross, pair.binHz);
  let total = 0;
  for (let i = 0; i < BANDS.length; i++) total += (left[i] ?? 0) + (right[i] ?? 0);
  const floor = total * 10 ** (MIN_BAND_POWER_DB / 10);

  return BANDS.map((band, i) => {
    const l = left[i];
    const r = right[i];
    const c = cross[i];
    const key = `bands.${band.name}`;
    if (l === null || r === null || c === null) {
      reasons[key] = `above the Nyquist frequency (${pair.sampleRate / 2} Hz) of this file`;
      return { name: band.name, correlation: null, width: null };
    }
    if (!(total > 0) || l + r <= floor) {
      reasons[key] =
        total > 0
          ? `more than ${-MIN_BAND_POWER_DB} dB below the whole spectrum: too quiet to judge`
          : 'no signal between 20 Hz and 20 kHz';
      return { name: band.name, correlation: null, width: null };
    }
    const correlation = correlationOf(c, l, r);
    if (correlation === null) {
      reasons[key] = `${l > 0 ? 'right' : 'left'} channel is silent in this band`;
      return { name: band.name, correlation: null, width: null };
    }
    return {
      name: band.name,
      correlation: round(correlation, 3),
      width: round(widthOf(correlation), 3),
    };
  });
}

import type { BiquadCoefficients } from '../math/biquad.ts';

/**
 * BS.1770 K-weighting as two biquads, derived for any sample rate from the analog prototype
 * (the same parameters reproduce the standard's 48 kHz table to 14 digits).
 */
export interface KWeightingFilters {
  /** Pre-filter: high-frequency shelf, about +4 dB above 2 kHz. */
  shelf: BiquadCoefficients;
  /** RLB weighting: second-order high-pass near 38 Hz. */
  highPass: BiquadCoefficients;
}

const SHELF_F0_HZ = 1681.974450955533;
const SHELF_GAIN_DB = 3.999843853973347;
const SHELF_Q = 0.7071752369554196;
const SHELF_VB_EXPONENT = 0.4996667741545416;
const HIGH_PASS_F0_HZ = 38.13547087602444;
const HIGH_PASS_Q = 0.5003270373238773;

export function kWeightingFilters(sampleRate: number): KWeightingFilters {
  if (!(sampleRate > 0)) throw new RangeError(`sample rate must be positive, got ${sampleRate}`);
  return { shelf: shelfCoefficients(sampleRate), highPass: highPassCoefficients(sampleRate) };
}

function shelfCoefficients(sampleRate: number): BiquadCoefficients {
  const k = Math.tan((Math.PI * SHELF_F0_HZ) / sampleRate);
  const vh = 10 ** (SHELF_GAIN_DB / 20);
  const vb = vh ** SHELF_VB_EXPONENT;
  const a0 = 1 + k / SHELF_Q + k * k;
  return {
    b0: (vh + (vb * k) / SHELF_Q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / SHELF_Q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / SHELF_Q + k * k) / a0,
  };
}

function highPassCoefficients(sampleRate: number): BiquadCoefficients {
  const k = Math.tan((Math.PI * HIGH_PASS_F0_HZ) / sampleRate);
  const a0 = 1 + k / HIGH_PASS_Q + k * k;
  return {
    b0: 1,
    b1: -2,
    b2: 1,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / HIGH_PASS_Q + k * k) / a0,
  };
}

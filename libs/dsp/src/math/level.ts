/** Power (mean square, or a ratio of powers) to dB; null for zero or non-finite input. */
export function powerToDb(power: number): number | null {
  return power > 0 && Number.isFinite(power) ? 10 * Math.log10(power) : null;
}

/** Amplitude to dB; null for zero or non-finite input. */
export function amplitudeToDb(amplitude: number): number | null {
  return amplitude > 0 && Number.isFinite(amplitude) ? 20 * Math.log10(amplitude) : null;
}

/** Rounds to a fixed number of decimals, passing null through. */
export function round(value: number | null, decimals = 2): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

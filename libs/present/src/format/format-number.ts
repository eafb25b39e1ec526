/** Numbers with a fixed number of decimals, with or without a unit, for every report and screen. */

/** Shown wherever a figure is missing; the reason is shown beside it where there is one. */
export const NULL_MARK = '—';

/**
 * Fixed decimals, never "-0.0"; `signed` adds "+" to positive values (peaks, deltas, gains).
 * A missing or non-finite value prints as the null mark: there is no figure to show.
 */
export function formatNumber(
  value: number | null | undefined,
  decimals = 1,
  signed = false,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NULL_MARK;
  let text = value.toFixed(decimals);
  if (/^-0(\.0*)?$/.test(text)) text = text.slice(1);
  if (signed && !text.startsWith('-') && Number(text) !== 0) text = `+${text}`;
  return text;
}

/** "-9.7 LUFS", "+0.8 dBTP"; unit '' prints the bare number; a missing value prints the null mark alone. */
export function withUnit(
  value: number | null | undefined,
  unit: string,
  decimals = 1,
  signed = false,
): string {
  const text = formatNumber(value, decimals, signed);
  return text === NULL_MARK || unit === '' ? text : `${text} ${unit}`;
}

/** A share in [0, 1] as a percentage: 0.31 → "31.0 %". */
export function formatPercent(share: number | null | undefined, decimals = 1): string {
  return withUnit(share === null || share === undefined ? share : share * 100, '%', decimals);
}

/** A target range in a sentence, trailing zeros dropped: "-11 to -7 LUFS", "0.5 to 1.5 dB". */
export function formatRange(min: number, max: number, unit: string, decimals = 1): string {
  const trim = (v: number) => String(Number(v.toFixed(decimals)));
  return `${trim(min)} to ${trim(max)}${unit === '' ? '' : ` ${unit}`}`;
}

/** A number rounded to `decimals` places, for figures passed on as numbers (prompts, settings). */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** The unit a difference of two values in `unit` is expressed in: LUFS − LUFS is LU. */
export function deltaUnit(unit: string): string {
  if (unit === 'LUFS') return 'LU';
  if (unit === 'dBTP' || unit === 'dBFS') return 'dB';
  return unit;
}

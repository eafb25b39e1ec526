/** Number formatting for finding and report text. */

/** Fixed decimals, never "-0.0"; `signed` adds "+" to positive values (peaks, deltas, gains). */
export function num(value: number, decimals = 1, signed = false): string {
  let text = value.toFixed(decimals);
  if (/^-0(\.0*)?$/.test(text)) text = text.slice(1);
  if (signed && !text.startsWith('-') && Number(text) !== 0) text = `+${text}`;
  return text;
}

/** "-9.7 LUFS", "+0.8 dBTP"; unit '' prints the bare number. */
export function withUnit(value: number, unit: string, decimals = 1, signed = false): string {
  const text = num(value, decimals, signed);
  return unit === '' ? text : `${text} ${unit}`;
}

/** "-11 to -7 LUFS". */
export function rangeText(min: number, max: number, unit: string, decimals = 1): string {
  const trim = (v: number) => String(Number(v.toFixed(decimals)));
  return `${trim(min)} to ${trim(max)}${unit === '' ? '' : ` ${unit}`}`;
}

export function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

export function hzText(hz: number): string {
  return hz >= 1000 ? `${Number((hz / 1000).toFixed(1))} kHz` : `${Math.round(hz)} Hz`;
}

/** Number and unit formatting shared by the text and Markdown reports. */

/** Shown wherever a figure is null; its reason is shown beside it. */
export const NULL_MARK = '—';

/** Fixed decimals, never "-0.0"; `signed` adds "+" to positive values (peaks, deltas, gains). */
export function formatNumber(value: number, decimals: number, signed = false): string {
  let text = value.toFixed(decimals);
  if (/^-0(\.0*)?$/.test(text)) text = text.slice(1);
  if (signed && !text.startsWith('-') && Number(text) !== 0) text = `+${text}`;
  return text;
}

export function withUnit(value: number | null, unit: string, decimals = 1, signed = false): string {
  if (value === null) return NULL_MARK;
  const number = formatNumber(value, decimals, signed);
  return unit === '' ? number : `${number} ${unit}`;
}

export function formatPercent(share: number | null, decimals = 1): string {
  return share === null ? NULL_MARK : `${formatNumber(share * 100, decimals)} %`;
}

/** 235.1 → "3:55.1"; 3725 → "1:02:05.0". */
export function formatDuration(seconds: number): string {
  const tenths = Math.round(seconds * 10);
  const h = Math.floor(tenths / 36000);
  const m = Math.floor((tenths % 36000) / 600);
  const s = (tenths % 600) / 10;
  const secondsText = s.toFixed(1).padStart(4, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${secondsText}` : `${m}:${secondsText}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

export function formatHz(hz: number | null): string {
  if (hz === null) return NULL_MARK;
  return hz >= 1000
    ? `${formatNumber(hz / 1000, hz >= 10000 ? 1 : 2)} kHz`
    : `${formatNumber(hz, 0)} Hz`;
}

/** 20, 60 → "20–60 Hz"; 500, 2000 → "500 Hz–2 kHz"; 6000, 20000 → "6–20 kHz". */
export function formatFrequencyRange(lowHz: number, highHz: number): string {
  const short = (hz: number) =>
    hz >= 1000 ? String(Number((hz / 1000).toFixed(2))) : String(Math.round(hz));
  const lowK = lowHz >= 1000;
  const highK = highHz >= 1000;
  if (lowK === highK) return `${short(lowHz)}–${short(highHz)} ${highK ? 'kHz' : 'Hz'}`;
  return `${short(lowHz)} Hz–${short(highHz)} kHz`;
}

/** The unit a difference of two values in `unit` is expressed in. */
export function deltaUnit(unit: string): string {
  if (unit === 'LUFS') return 'LU';
  if (unit === 'dBTP' || unit === 'dBFS') return 'dB';
  return unit;
}

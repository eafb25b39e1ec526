import { BAND_LABELS } from '@mixscope/contracts';

/** Number formatting for figures: a fixed number of decimals, a unit, and a dash for null. */
export function formatNumber(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const fixed = value.toFixed(decimals);
  // Avoid "-0.0".
  return Number(fixed) === 0 ? (0).toFixed(decimals) : fixed;
}

export function formatSigned(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = formatNumber(value, decimals);
  return value > 0 && Number(text) !== 0 ? `+${text}` : text;
}

export function withUnit(text: string, unit: string): string {
  return text === '—' || !unit ? text : `${text} ${unit}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const whole = Math.round(seconds);
  const m = Math.floor(whole / 60);
  const s = whole % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

const BAND_LABEL_BY_NAME: Readonly<Record<string, string>> = BAND_LABELS;

export function bandLabel(name: string): string {
  return BAND_LABEL_BY_NAME[name] ?? name;
}

export function formatHz(hz: number): string {
  return hz >= 1000
    ? `${hz % 1000 === 0 ? hz / 1000 : (hz / 1000).toFixed(1)}k`
    : String(Math.round(hz));
}

/** "shortTermMaxLufs" → "Short term max lufs", for ids without a label of their own. */
export function humanize(id: string): string {
  const words = id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

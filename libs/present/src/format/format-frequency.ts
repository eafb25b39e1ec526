import { formatNumber, NULL_MARK } from './format-number.ts';

export interface HzOptions {
  /** Axis ticks: no unit, kilohertz as "k" and no trailing zeros ("500", "1.5k", "20k"). */
  compact?: boolean;
}

/**
 * A measured frequency to three significant figures: "440 Hz", "1.84 kHz", "12.5 kHz"; a missing
 * value → the null mark.
 */
export function formatHz(hz: number | null | undefined, options: HzOptions = {}): string {
  if (hz === null || hz === undefined || !Number.isFinite(hz)) return NULL_MARK;
  if (options.compact)
    return hz >= 1000 ? `${Number((hz / 1000).toFixed(1))}k` : String(Math.round(hz));
  return hz >= 1000
    ? `${formatNumber(hz / 1000, hz >= 10000 ? 1 : 2)} kHz`
    : `${formatNumber(hz, 0)} Hz`;
}

/** Band edges: 20, 60 → "20–60 Hz"; 500, 2000 → "500 Hz–2 kHz"; 6000, 20000 → "6–20 kHz". */
export function formatFrequencyRange(lowHz: number, highHz: number): string {
  const short = (hz: number) =>
    hz >= 1000 ? String(Number((hz / 1000).toFixed(2))) : String(Math.round(hz));
  const lowK = lowHz >= 1000;
  const highK = highHz >= 1000;
  if (lowK === highK) return `${short(lowHz)}–${short(highHz)} ${highK ? 'kHz' : 'Hz'}`;
  return `${short(lowHz)} Hz–${short(highHz)} kHz`;
}

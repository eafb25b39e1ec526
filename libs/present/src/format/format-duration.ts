import { NULL_MARK } from './format-number.ts';

export interface DurationOptions {
  /**
   * Show tenths of a second ("3:55.1"), as the reports do for durations and issue times. Default
   * false: whole seconds ("3:55"), as the web app's cards and chart axes show them.
   */
  tenths?: boolean;
}

/** 235.1 → "3:55" ("3:55.1" with tenths); 3725 → "1:02:05"; a missing value → the null mark. */
export function formatDuration(
  seconds: number | null | undefined,
  options: DurationOptions = {},
): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return NULL_MARK;
  const perSecond = options.tenths ? 10 : 1;
  const steps = Math.round(seconds * perSecond);
  const hours = Math.floor(steps / (3600 * perSecond));
  const minutes = Math.floor((steps % (3600 * perSecond)) / (60 * perSecond));
  const rest = (steps % (60 * perSecond)) / perSecond;
  const secondsText = options.tenths
    ? rest.toFixed(1).padStart(4, '0')
    : String(rest).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${secondsText}`
    : `${minutes}:${secondsText}`;
}

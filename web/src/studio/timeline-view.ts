/**
 * The visible stretch of a track and the mapping between time and position that the waveform,
 * its markers and the loudness strip share, so they always line up.
 */
export interface TimelineView {
  startSec: number;
  endSec: number;
}

/** The narrowest view zooming allows. */
export const MIN_VIEW_SEC = 1;

export function fullView(durationSec: number): TimelineView {
  return { startSec: 0, endSec: Math.max(durationSec, MIN_VIEW_SEC) };
}

export function viewSpan(view: TimelineView): number {
  return view.endSec - view.startSec;
}

/** 0 at the left edge, 1 at the right; outside [0, 1] when the time is out of view. */
export function timeToFraction(atSec: number, view: TimelineView): number {
  return (atSec - view.startSec) / viewSpan(view);
}

export function fractionToTime(fraction: number, view: TimelineView): number {
  return view.startSec + fraction * viewSpan(view);
}

/** A marker's left offset in percent of the view's width, or null when it is out of view. */
export function markerLeftPercent(atSec: number, view: TimelineView): number | null {
  const fraction = timeToFraction(atSec, view);
  return fraction < 0 || fraction > 1 ? null : fraction * 100;
}

function clampView(startSec: number, span: number, durationSec: number): TimelineView {
  const total = Math.max(durationSec, MIN_VIEW_SEC);
  const width = Math.min(Math.max(span, MIN_VIEW_SEC), total);
  const start = Math.min(Math.max(startSec, 0), total - width);
  return { startSec: start, endSec: start + width };
}

/** Zooms by `factor` (2 = twice as close) keeping `anchorSec` at the same place on screen. */
export function zoomView(
  view: TimelineView,
  factor: number,
  anchorSec: number,
  durationSec: number,
): TimelineView {
  const span = viewSpan(view) / factor;
  const anchor = Math.min(Math.max(timeToFraction(anchorSec, view), 0), 1);
  return clampView(anchorSec - anchor * span, span, durationSec);
}

export function panView(view: TimelineView, toStartSec: number, durationSec: number): TimelineView {
  return clampView(toStartSec, viewSpan(view), durationSec);
}

/** While playing, turns the page when the playhead leaves the view. */
export function followPlayhead(
  view: TimelineView,
  playheadSec: number,
  durationSec: number,
): TimelineView {
  if (playheadSec >= view.startSec && playheadSec <= view.endSec) return view;
  return panView(view, playheadSec - viewSpan(view) * 0.05, durationSec);
}

export interface Envelope {
  min: Float32Array;
  max: Float32Array;
}

/**
 * One min/max pair per pixel column of the view, from a waveform level with `pointsPerSecond`
 * points; columns with no point (past the end, or zoomed closer than the level's resolution)
 * take the nearest point, so the shape stays continuous.
 */
export function columnEnvelope(
  channel: { min: readonly number[]; max: readonly number[] },
  pointsPerSecond: number,
  view: TimelineView,
  columns: number,
): Envelope {
  const min = new Float32Array(columns);
  const max = new Float32Array(columns);
  const count = Math.min(channel.min.length, channel.max.length);
  if (count === 0) return { min, max };
  const secPerColumn = viewSpan(view) / columns;
  for (let x = 0; x < columns; x++) {
    const from = (view.startSec + x * secPerColumn) * pointsPerSecond;
    const to = (view.startSec + (x + 1) * secPerColumn) * pointsPerSecond;
    if (from >= count) break;
    let first = Math.floor(from);
    let last = Math.min(count - 1, Math.ceil(to) - 1);
    if (last < first) last = first;
    first = Math.min(first, count - 1);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = first; i <= last; i++) {
      if (channel.min[i] < lo) lo = channel.min[i];
      if (channel.max[i] > hi) hi = channel.max[i];
    }
    min[x] = lo;
    max[x] = hi;
  }
  return { min, max };
}

/** The overview has too few points for the view: fewer than one per pixel column. */
export function needsDetail(view: TimelineView, overviewPointsPerSecond: number, columns: number) {
  return viewSpan(view) * overviewPointsPerSecond < columns;
}

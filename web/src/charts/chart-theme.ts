import { formatDuration, formatNumber } from '@mixscope/present';
import { dbTicks } from './chart-data.ts';

/**
 * Colours shared by the charts: the CSS variables of web/app/globals.css, so the charts follow
 * the light or dark theme the page is in (SVG presentation attributes take var()).
 */
export const CHART = {
  grid: 'var(--chart-grid)',
  axis: 'var(--chart-axis)',
  text: 'var(--chart-text)',
  momentary: 'var(--chart-momentary)',
  shortTerm: 'var(--chart-short-term)',
  integrated: 'var(--chart-integrated)',
  peak: 'var(--chart-peak)',
  mix: 'var(--chart-mix)',
  reference: 'var(--chart-reference)',
  range: 'var(--chart-range)',
  good: 'var(--good)',
  warn: 'var(--warn)',
  bad: 'var(--bad)',
  width: 'var(--chart-width)',
  tooltipBg: 'var(--bg-panel)',
  /** The panel behind a chart, for outlines that separate marks from each other. */
  surface: 'var(--bg-panel)',
} as const;

export const tooltipStyle = {
  contentStyle: {
    background: CHART.tooltipBg,
    border: `1px solid ${CHART.grid}`,
    borderRadius: 6,
    color: CHART.text,
  },
  labelStyle: { color: CHART.text },
  itemStyle: { color: CHART.text },
} as const;

export const axisProps = {
  stroke: CHART.axis,
  tick: { fill: CHART.axis, fontSize: 11 },
  tickLine: { stroke: CHART.grid },
  axisLine: { stroke: CHART.grid },
} as const;

/** The time axis of a curve over a track of `durationSec`, ticked in m:ss. */
export const timeAxisProps = (durationSec: number) => ({
  dataKey: 't',
  type: 'number' as const,
  domain: [0, Math.max(1, Math.ceil(durationSec))],
  tickFormatter: (t: number) => formatDuration(t),
  ...axisProps,
});

/** A LUFS axis over [low, high], e.g. from lufsDomain. */
export const lufsAxisProps = (low: number, high: number) => ({
  domain: [low, high],
  ticks: dbTicks(low, high),
  allowDataOverflow: true,
  unit: ' LUFS',
  width: 78,
  ...axisProps,
});

/** The tooltip of a loudness curve: "at 1:05", "-14.2 LUFS". */
export const lufsTooltipProps = {
  ...tooltipStyle,
  labelFormatter: (t: unknown) => `at ${formatDuration(Number(t))}`,
  formatter: (value: unknown, name?: string | number): [string, string | number] => [
    `${formatNumber(Number(value))} LUFS`,
    name ?? '',
  ],
};

'use client';

import type { AudioIssue, LoudnessCurves, Section } from '@mixscope/contracts';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatNumber } from '@mixscope/present';
import { ChartFrame } from './chart-frame.tsx';
import { CHART, lufsAxisProps, lufsTooltipProps, timeAxisProps } from './chart-theme.ts';
import { loudnessDomain, loudnessRows } from './chart-data.ts';

export interface LoudnessChartProps {
  curves: LoudnessCurves;
  integratedLufs: number | null;
  truePeakDbtp: number | null;
  /** Issues of the result; true-peak overs and clipping are marked on the time axis. */
  issues?: AudioIssue[];
  /** Shaded behind the curves, each with its label; the chorus-like ones stronger. */
  sections?: readonly Section[] | null;
  width?: number;
  height?: number;
}

const MAX_MARKERS = 40;

/** Momentary and short-term loudness over time, the integrated level, and where the peaks go over. */
export function LoudnessChart({
  curves,
  integratedLufs,
  truePeakDbtp,
  issues = [],
  sections,
  width,
  height = 300,
}: LoudnessChartProps) {
  const rows = loudnessRows(curves);
  const [low, high] = loudnessDomain(rows, integratedLufs);
  const peakTimes = issues
    .filter((issue) => issue.code === 'true-peak-over' || issue.code === 'clipping')
    .flatMap((issue) => issue.times)
    .slice(0, MAX_MARKERS);
  const duration = rows.length ? rows[rows.length - 1].t : 0;

  return (
    <div className="chart-block">
      <ChartFrame width={width} height={height} label="Loudness over time">
        {(size) => (
          <LineChart {...size} data={rows} margin={{ top: 12, right: 24, bottom: 4, left: 0 }}>
            <CartesianGrid stroke={CHART.grid} strokeDasharray="2 4" />
            <XAxis {...timeAxisProps(duration)} />
            <YAxis {...lufsAxisProps(low, high)} />
            <Tooltip {...lufsTooltipProps} />
            <Legend wrapperStyle={{ color: CHART.text, fontSize: 12 }} />
            {(sections ?? []).map((section, i) => (
              <ReferenceArea
                key={section.startSec}
                x1={section.startSec}
                x2={section.endSec}
                fill={i % 2 ? CHART.grid : CHART.text}
                fillOpacity={section.chorusLike ? 0.16 : 0.06}
                label={{
                  value: section.label,
                  fill: CHART.text,
                  fontSize: 11,
                  position: 'insideTop',
                }}
                ifOverflow="hidden"
              />
            ))}
            {integratedLufs !== null ? (
              <ReferenceLine
                y={integratedLufs}
                stroke={CHART.integrated}
                strokeDasharray="6 4"
                label={{
                  value: `Integrated ${formatNumber(integratedLufs)} LUFS`,
                  fill: CHART.integrated,
                  fontSize: 11,
                  position: 'insideTopRight',
                }}
              />
            ) : null}
            {peakTimes.map((t, i) => (
              <ReferenceLine
                key={`${t}-${i}`}
                x={t}
                stroke={CHART.peak}
                strokeOpacity={0.7}
                ifOverflow="discard"
              />
            ))}
            <Line
              name="Momentary (400 ms)"
              dataKey="momentary"
              stroke={CHART.momentary}
              strokeWidth={1}
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
            <Line
              name="Short-term (3 s)"
              dataKey="shortTerm"
              stroke={CHART.shortTerm}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
          </LineChart>
        )}
      </ChartFrame>
      <p className="chart-note" data-testid="true-peak-note">
        <span className="swatch" style={{ background: CHART.peak }} /> True peak{' '}
        {formatNumber(truePeakDbtp)} dBTP
        {peakTimes.length
          ? ` — ${peakTimes.length} marker${peakTimes.length === 1 ? '' : 's'} where peaks go over`
          : ' — no overs marked'}
      </p>
    </div>
  );
}

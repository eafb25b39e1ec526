'use client';

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDuration, formatNumber } from '@mixscope/present';
import type { RevisionLoudnessRow } from '../projects/revision-compare.ts';
import { ChartFrame } from './chart-frame.tsx';
import { CHART, axisProps, tooltipStyle } from './chart-theme.ts';
import { dbTicks } from './chart-data.ts';

/** Two revisions' short-term loudness over time, on one axis. */
export function RevisionLoudnessChart({
  rows,
  olderLabel,
  newerLabel,
  width,
  height = 260,
}: {
  rows: RevisionLoudnessRow[];
  olderLabel: string;
  newerLabel: string;
  width?: number;
  height?: number;
}) {
  const levels = rows
    .flatMap((row) => [row.older, row.newer])
    .filter((v): v is number => v !== null)
    .sort((a, b) => a - b);
  // The quietest 2 % would squash the body of both curves.
  const low = levels.length ? levels[Math.floor(levels.length * 0.02)] - 3 : -60;
  const high = levels.length ? levels[levels.length - 1] + 1 : 0;
  const bottom = Math.max(-70, Math.floor(low / 3) * 3);
  const top = Math.ceil(high / 3) * 3;
  const duration = rows.length ? rows[rows.length - 1].t : 0;
  return (
    <ChartFrame width={width} height={height} label="Short-term loudness of both revisions">
      {(size) => (
        <LineChart {...size} data={rows} margin={{ top: 12, right: 24, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} strokeDasharray="2 4" />
          <XAxis
            dataKey="t"
            type="number"
            domain={[0, Math.max(1, Math.ceil(duration))]}
            tickFormatter={(t: number) => formatDuration(t)}
            {...axisProps}
          />
          <YAxis
            domain={[bottom, top]}
            ticks={dbTicks(bottom, top)}
            allowDataOverflow
            unit=" LUFS"
            width={78}
            {...axisProps}
          />
          <Tooltip
            {...tooltipStyle}
            labelFormatter={(t) => `at ${formatDuration(Number(t))}`}
            formatter={(value, name) => [`${formatNumber(Number(value))} LUFS`, name]}
          />
          <Legend wrapperStyle={{ color: CHART.text, fontSize: 12 }} />
          <Line
            name={olderLabel}
            dataKey="older"
            stroke={CHART.reference}
            strokeWidth={1.5}
            strokeDasharray="5 3"
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
          <Line
            name={newerLabel}
            dataKey="newer"
            stroke={CHART.mix}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        </LineChart>
      )}
    </ChartFrame>
  );
}

'use client';

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { RevisionLoudnessRow } from '../projects/revision-compare.ts';
import { ChartFrame } from './chart-frame.tsx';
import { CHART, lufsAxisProps, lufsTooltipProps, timeAxisProps } from './chart-theme.ts';
import { lufsDomain } from './chart-data.ts';

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
  const [bottom, top] = lufsDomain(rows.flatMap((row) => [row.older, row.newer]));
  const duration = rows.length ? rows[rows.length - 1].t : 0;
  return (
    <ChartFrame width={width} height={height} label="Short-term loudness of both revisions">
      {(size) => (
        <LineChart {...size} data={rows} margin={{ top: 12, right: 24, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} strokeDasharray="2 4" />
          <XAxis {...timeAxisProps(duration)} />
          <YAxis {...lufsAxisProps(bottom, top)} />
          <Tooltip {...lufsTooltipProps} />
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

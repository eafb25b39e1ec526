'use client';

import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '@mixscope/present';
import { ChartFrame } from './chart-frame.tsx';
import { CHART, axisProps, tooltipStyle } from './chart-theme.ts';

export interface SparklinePoint {
  /** The revision on the time axis, e.g. "#3". */
  revision: string;
  /** The revision's name, in the tooltip. */
  label: string;
  value: number | null;
}

/** A small trend of one figure across revisions, oldest first, with its value axis and revisions. */
export function Sparkline({
  title,
  unit,
  points,
  decimals = 1,
  width,
  height = 120,
}: {
  title: string;
  unit: string;
  points: SparklinePoint[];
  decimals?: number;
  width?: number;
  height?: number;
}) {
  const last = [...points].reverse().find((point) => point.value !== null);
  return (
    <div className="sparkline" data-testid={`sparkline-${title}`}>
      <div className="sparkline-head">
        <span className="muted">{title}</span>
        <strong>
          {formatNumber(last?.value ?? null, decimals)} {last ? unit : ''}
        </strong>
      </div>
      <ChartFrame width={width} height={height} label={`${title} across revisions`}>
        {(size) => (
          <LineChart {...size} data={points} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={CHART.grid} strokeDasharray="2 4" vertical={false} />
            <XAxis dataKey="revision" interval="preserveStartEnd" {...axisProps} />
            <YAxis
              domain={[(min: number) => Math.floor(min - 1), (max: number) => Math.ceil(max + 1)]}
              tickCount={3}
              allowDecimals={false}
              width={40}
              {...axisProps}
            />
            <Tooltip
              {...tooltipStyle}
              labelFormatter={(_, payload) => String(payload?.[0]?.payload?.label ?? '')}
              formatter={(value) => [`${formatNumber(Number(value), decimals)} ${unit}`, title]}
            />
            <Line
              dataKey="value"
              stroke={CHART.momentary}
              strokeWidth={2}
              dot={{ r: 2 }}
              isAnimationActive={false}
              connectNulls
            />
          </LineChart>
        )}
      </ChartFrame>
    </div>
  );
}

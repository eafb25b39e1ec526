'use client';

import { Line, LineChart, Tooltip, YAxis } from 'recharts';
import { formatNumber } from '@mixscope/present';
import { ChartFrame } from './chart-frame.tsx';
import { CHART, tooltipStyle } from './chart-theme.ts';

export interface SparklinePoint {
  label: string;
  value: number | null;
}

/** A small trend line of one figure across revisions, oldest first. */
export function Sparkline({
  title,
  unit,
  points,
  decimals = 1,
  width,
  height = 64,
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
          <LineChart {...size} data={points} margin={{ top: 6, right: 6, bottom: 6, left: 6 }}>
            <YAxis hide domain={['dataMin - 1', 'dataMax + 1']} />
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

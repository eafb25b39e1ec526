'use client';

import type { StereoBand } from '@mixscope/contracts';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatNumber } from '@mixscope/present';
import { ChartFrame } from './chart-frame.tsx';
import { CHART, axisProps, tooltipStyle } from './chart-theme.ts';
import { stereoBandRows } from './chart-data.ts';

export interface StereoBandsChartProps {
  bands: StereoBand[];
  width?: number;
  height?: number;
}

function correlationColour(value: number | null): string {
  if (value === null) return CHART.axis;
  return value < 0 ? CHART.bad : value < 0.2 ? CHART.warn : CHART.good;
}

/** Correlation (-1 to +1) and width (0 to 1) per band: where the image is wide, and where it cancels in mono. */
export function StereoBandsChart({ bands, width, height = 260 }: StereoBandsChartProps) {
  const rows = stereoBandRows(bands);
  return (
    <ChartFrame width={width} height={height} label="Stereo correlation and width per band">
      {(size) => (
        <BarChart {...size} data={rows} margin={{ top: 12, right: 24, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} strokeDasharray="2 4" vertical={false} />
          <XAxis dataKey="label" {...axisProps} />
          <YAxis domain={[-1, 1]} ticks={[-1, -0.5, 0, 0.5, 1]} width={40} {...axisProps} />
          <ReferenceLine y={0} stroke={CHART.axis} />
          <Tooltip
            {...tooltipStyle}
            formatter={(value, name) => [formatNumber(Number(value), 2), name]}
          />
          <Legend wrapperStyle={{ color: CHART.text, fontSize: 12 }} />
          <Bar name="Correlation" dataKey="correlation" isAnimationActive={false} fill={CHART.good}>
            {rows.map((row) => (
              <Cell key={row.band} fill={correlationColour(row.correlation)} />
            ))}
          </Bar>
          <Bar
            name="Width"
            dataKey="width"
            fill={CHART.width}
            fillOpacity={0.6}
            isAnimationActive={false}
          />
        </BarChart>
      )}
    </ChartFrame>
  );
}

'use client';

import type { BandComparison } from '@mixscope/contracts';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '@mixscope/present';
import { ChartFrame } from './chart-frame.tsx';
import { CHART, axisProps, tooltipStyle } from './chart-theme.ts';
import { bandDeltaRows } from './chart-data.ts';

/** Per-band level of the mix minus the loudness-matched reference. */
export function BandDeltaChart({
  bands,
  label = 'Band level against the reference',
  deltaName = 'Mix − reference',
  width,
  height = 240,
}: {
  bands: BandComparison[];
  label?: string;
  /** What a bar measures, in the tooltip. */
  deltaName?: string;
  width?: number;
  height?: number;
}) {
  const rows = bandDeltaRows(bands);
  const extent = Math.max(3, ...rows.map((row) => Math.abs(row.delta ?? 0)));
  const limit = Math.ceil(extent + 0.5);
  return (
    <ChartFrame width={width} height={height} label={label}>
      {(size) => (
        <BarChart {...size} data={rows} margin={{ top: 12, right: 24, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} strokeDasharray="2 4" vertical={false} />
          <XAxis dataKey="label" {...axisProps} />
          <YAxis domain={[-limit, limit]} unit=" dB" width={56} {...axisProps} />
          <ReferenceLine y={0} stroke={CHART.axis} />
          <Tooltip
            {...tooltipStyle}
            formatter={(value) => [`${formatNumber(Number(value), 1, true)} dB`, deltaName]}
          />
          <Bar dataKey="delta" name={deltaName} isAnimationActive={false}>
            {rows.map((row) => (
              <Cell key={row.band} fill={Math.abs(row.delta ?? 0) > 2 ? CHART.warn : CHART.mix} />
            ))}
          </Bar>
        </BarChart>
      )}
    </ChartFrame>
  );
}

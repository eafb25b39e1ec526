'use client';

import type { SpectrumBand } from '@mixscope/contracts';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '@mixscope/present';
import { ChartFrame } from './chart-frame.tsx';
import { CHART, axisProps, tooltipStyle } from './chart-theme.ts';
import { bandBalanceRows, type BandBalanceRow } from './chart-data.ts';

export interface BandBalanceChartProps {
  bands: SpectrumBand[];
  /** The genre profile's range per band (dB of share), drawn behind the measured level. */
  ranges?: Partial<Record<string, { min: number; max: number }>> | null;
  profileName?: string | null;
  width?: number;
  height?: number;
}

function BandDot(props: { cx?: number; cy?: number; payload?: BandBalanceRow }) {
  const { cx, cy, payload } = props;
  if (cx === undefined || cy === undefined || !payload || payload.db === null) return null;
  const fill = payload.inRange === null ? CHART.mix : payload.inRange ? CHART.good : CHART.warn;
  return (
    <circle
      cx={cx}
      cy={cy}
      r={6}
      fill={fill}
      stroke={CHART.surface}
      strokeWidth={2}
      data-band={payload.band}
    />
  );
}

/** The six-band balance: each band's share of the spectrum in dB, against the genre profile's range. */
export function BandBalanceChart({
  bands,
  ranges,
  profileName,
  width,
  height = 280,
}: BandBalanceChartProps) {
  const rows = bandBalanceRows(bands, ranges);
  const values = rows
    .flatMap((row) => [row.db, ...(row.range ?? [])])
    .filter((v): v is number => v !== null);
  const low = values.length ? Math.floor((Math.min(...values) - 2) / 6) * 6 : -30;
  const high = values.length ? Math.min(0, Math.ceil((Math.max(...values) + 2) / 6) * 6) : 0;
  const ticks: number[] = [];
  for (let tick = low; tick <= high; tick += 6) ticks.push(tick);
  return (
    <ChartFrame width={width} height={height} label="Six-band balance">
      {(size) => (
        <ComposedChart {...size} data={rows} margin={{ top: 12, right: 24, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} strokeDasharray="2 4" vertical={false} />
          <XAxis dataKey="label" {...axisProps} />
          <YAxis domain={[low, high]} ticks={ticks} unit=" dB" width={58} {...axisProps} />
          <Tooltip
            {...tooltipStyle}
            formatter={(value, name) =>
              Array.isArray(value)
                ? [
                    `${formatNumber(Number(value[0]))} to ${formatNumber(Number(value[1]))} dB`,
                    name,
                  ]
                : [`${formatNumber(Number(value))} dB`, name]
            }
          />
          <Legend
            wrapperStyle={{ fontSize: 12 }}
            formatter={(value) => <span style={{ color: CHART.text }}>{value}</span>}
          />
          {ranges ? (
            <Bar
              name={`${profileName ?? 'Genre'} range`}
              dataKey="range"
              fill={CHART.range}
              stroke={CHART.good}
              strokeOpacity={0.5}
              barSize={46}
              isAnimationActive={false}
            />
          ) : null}
          <Line
            name="Mix"
            dataKey="db"
            stroke={CHART.mix}
            strokeOpacity={0.35}
            strokeDasharray="3 3"
            dot={<BandDot />}
            activeDot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      )}
    </ChartFrame>
  );
}

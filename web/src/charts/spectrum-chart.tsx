'use client';

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatHz, formatNumber } from '@mixscope/present';
import { ChartFrame } from './chart-frame.tsx';
import { CHART, axisProps, tooltipStyle } from './chart-theme.ts';
import { SPECTRUM_TICKS, dbTicks, spectrumRows } from './chart-data.ts';

interface Curve {
  frequenciesHz: number[];
  db: number[];
}

export interface SpectrumChartProps {
  mix: Curve;
  reference?: Curve | null;
  referenceName?: string;
  /** Gain applied to the reference so both curves sit at the same loudness. */
  referenceGainDb?: number | null;
  /** Legend names; by default "Mix" and "Reference (name), level-matched". */
  mixLabel?: string;
  referenceLabel?: string;
  width?: number;
  height?: number;
}

/** Log-frequency spectrum of the mix, with the loudness-matched reference overlaid. */
export function SpectrumChart({
  mix,
  reference,
  referenceName,
  referenceGainDb,
  mixLabel = 'Mix',
  referenceLabel,
  width,
  height = 300,
}: SpectrumChartProps) {
  const rows = spectrumRows(mix, reference, referenceGainDb ?? 0);
  const levels = rows
    .flatMap((row) => [row.mix, row.reference ?? null])
    .filter((v): v is number => v !== null);
  const top = levels.length ? Math.ceil((Math.max(...levels) + 3) / 6) * 6 : 0;
  const bottom = levels.length
    ? Math.max(top - 72, Math.floor((Math.min(...levels) - 3) / 6) * 6)
    : -72;
  return (
    <ChartFrame width={width} height={height} label="Spectrum">
      {(size) => (
        <LineChart {...size} data={rows} margin={{ top: 12, right: 24, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} strokeDasharray="2 4" />
          <XAxis
            dataKey="hz"
            type="number"
            scale="log"
            domain={[20, 20000]}
            ticks={SPECTRUM_TICKS}
            tickFormatter={(hz: number) => formatHz(hz, { compact: true })}
            allowDataOverflow
            {...axisProps}
          />
          <YAxis
            domain={[bottom, top]}
            ticks={dbTicks(bottom, top)}
            allowDataOverflow
            unit=" dB"
            width={64}
            {...axisProps}
          />
          <Tooltip
            {...tooltipStyle}
            labelFormatter={(hz) => formatHz(Number(hz))}
            formatter={(value, name) => [`${formatNumber(Number(value))} dB`, name]}
          />
          <Legend wrapperStyle={{ color: CHART.text, fontSize: 12 }} />
          <Line
            name={mixLabel}
            dataKey="mix"
            stroke={CHART.mix}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
          {reference ? (
            <Line
              name={
                referenceLabel ??
                `Reference${referenceName ? ` (${referenceName})` : ''}, level-matched`
              }
              dataKey="reference"
              stroke={CHART.reference}
              strokeWidth={1.5}
              strokeDasharray="5 3"
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          ) : null}
        </LineChart>
      )}
    </ChartFrame>
  );
}

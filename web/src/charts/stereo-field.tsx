'use client';

import type { StereoBand } from '@mixscope/contracts';
import { bandLabel, formatNumber } from '@mixscope/present';
import { CHART } from './chart-theme.ts';

export interface StereoFieldProps {
  bands: StereoBand[];
  correlation: number | null;
  balanceDb: number | null;
  size?: number;
}

const BAND_COLOURS = ['#5a6cff', '#5ab0ff', '#36c5b0', '#8fd46a', '#ffb454', '#ff7ab6'];

/** Angle in degrees from straight ahead: negative is left. */
function point(cx: number, cy: number, radius: number, degrees: number): [number, number] {
  const rad = (degrees * Math.PI) / 180;
  return [cx + radius * Math.sin(rad), cy - radius * Math.cos(rad)];
}

function ringSegment(
  cx: number,
  cy: number,
  inner: number,
  outer: number,
  from: number,
  to: number,
): string {
  const [x1, y1] = point(cx, cy, outer, from);
  const [x2, y2] = point(cx, cy, outer, to);
  const [x3, y3] = point(cx, cy, inner, to);
  const [x4, y4] = point(cx, cy, inner, from);
  const large = to - from > 180 ? 1 : 0;
  return `M${x1},${y1} A${outer},${outer} 0 ${large} 1 ${x2},${y2} L${x3},${y3} A${inner},${inner} 0 ${large} 0 ${x4},${y4} Z`;
}

/** How far each band spreads across the field: a mono band is a thin sliver, a decorrelated one fills the arc. */
export function bandSpreadDegrees(width: number | null): number {
  const w = width === null ? 0 : Math.min(1, Math.max(0, width));
  return 4 + w * 86;
}

/**
 * A picture of the stereo field seen from the listener: one ring per band (sub innermost), each
 * spread by its width and shifted by the L/R balance; bands that cancel in mono are drawn red.
 */
export function StereoField({ bands, correlation, balanceDb, size = 320 }: StereoFieldProps) {
  const cx = size / 2;
  const cy = size * 0.58;
  const outer = size * 0.5;
  const inner = size * 0.08;
  const ring = (outer - inner) / Math.max(1, bands.length);
  // Positive balance means left is louder: lean the image left.
  const lean = balanceDb === null ? 0 : Math.max(-40, Math.min(40, -balanceDb * 8));
  const corr = correlation === null ? null : Math.max(-1, Math.min(1, correlation));

  return (
    <figure className="stereo-field" aria-label="Stereo field">
      <svg
        viewBox={`0 0 ${size} ${size * 0.72}`}
        width="100%"
        role="img"
        aria-label="Stereo field by band"
      >
        <path
          d={ringSegment(cx, cy, inner, outer, -90, 90)}
          style={{ fill: 'var(--bg-input)' }}
          stroke={CHART.grid}
        />
        {[-30, 0, 30].map((deg) => {
          const [x, y] = point(cx, cy, outer + 2, deg);
          return (
            <line
              key={deg}
              x1={cx}
              y1={cy}
              x2={x}
              y2={y}
              stroke={CHART.grid}
              strokeDasharray="3 4"
            />
          );
        })}
        {bands.map((band, i) => {
          const spread = bandSpreadDegrees(band.width);
          const from = Math.max(-90, lean - spread);
          const to = Math.min(90, lean + spread);
          const r0 = inner + i * ring + 1;
          const outOfPhase = band.correlation !== null && band.correlation < 0;
          return (
            <path
              key={band.name}
              d={ringSegment(cx, cy, r0, r0 + ring - 2, from, to)}
              fill={outOfPhase ? CHART.bad : BAND_COLOURS[i % BAND_COLOURS.length]}
              fillOpacity={0.75}
              data-band={band.name}
              data-spread={Math.round(spread)}
            >
              <title>
                {`${bandLabel(band.name)}: correlation ${formatNumber(band.correlation, 2)}, width ${formatNumber(band.width, 2)}`}
              </title>
            </path>
          );
        })}
        <text
          x={point(cx, cy, outer + 10, -84)[0]}
          y={cy + 4}
          fill={CHART.axis}
          fontSize={12}
          textAnchor="middle"
        >
          L
        </text>
        <text
          x={point(cx, cy, outer + 10, 84)[0]}
          y={cy + 4}
          fill={CHART.axis}
          fontSize={12}
          textAnchor="middle"
        >
          R
        </text>
        <text x={cx} y={cy - outer - 4} fill={CHART.axis} fontSize={11} textAnchor="middle">
          centre
        </text>
      </svg>
      <div className="field-legend">
        {bands.map((band, i) => (
          <span key={band.name}>
            <i
              style={{
                background:
                  band.correlation !== null && band.correlation < 0 ? CHART.bad : BAND_COLOURS[i],
              }}
            />
            {bandLabel(band.name)}
          </span>
        ))}
      </div>
      <div className="correlation-meter" aria-label="Overall correlation">
        <div className="meter-scale">
          <span>−1</span>
          <span>0</span>
          <span>+1</span>
        </div>
        <div className="meter-track">
          {corr !== null ? (
            <div
              className="meter-marker"
              style={{ left: `${((corr + 1) / 2) * 100}%` }}
              data-testid="correlation-marker"
            />
          ) : null}
        </div>
        <figcaption className="muted">
          Correlation {formatNumber(correlation, 2)} · balance {formatNumber(balanceDb, 1, true)} dB
        </figcaption>
      </div>
    </figure>
  );
}

'use client';

import { useId, useState, type ReactNode } from 'react';
import { formatNumber } from '@mixscope/present';
import { METRIC_HELP, type MetricHelp, type MetricKey } from '../metrics/metric-help.ts';
import { toneOf, type Tone } from '../metrics/metric-tone.ts';

export interface MetricCardProps {
  metric: MetricKey;
  value: number | string | null | undefined;
  decimals?: number;
  signed?: boolean;
  /** Overrides the traffic light computed from the metric and value. */
  tone?: Tone;
  /** A second line under the figure, e.g. the confidence or per-channel values. */
  detail?: ReactNode;
  /** Why the value is missing, shown instead of a bare dash. */
  reason?: string | null;
}

/** A headline figure that explains, on hover or keyboard focus, what it means and what good looks like. */
export function MetricCard({
  metric,
  value,
  decimals = 1,
  signed = false,
  tone,
  detail,
  reason,
}: MetricCardProps) {
  const help: MetricHelp = METRIC_HELP[metric];
  const [open, setOpen] = useState(false);
  const tipId = useId();
  const numeric = typeof value === 'number' ? value : null;
  const text =
    typeof value === 'string'
      ? value
      : signed
        ? formatNumber(numeric, decimals, true)
        : formatNumber(numeric, decimals);
  const shownTone = tone ?? toneOf(metric, numeric);
  const missing = value === null || value === undefined;

  return (
    <div
      className={`metric-card tone-${shownTone}`}
      data-metric={metric}
      tabIndex={0}
      aria-describedby={open ? tipId : undefined}
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
      onFocus={() => setOpen(true)}
      onBlur={() => setOpen(false)}
    >
      <div className="metric-label">
        {help.label}
        <span className="metric-info" aria-hidden="true">
          i
        </span>
      </div>
      <div className="metric-value">
        <span data-testid="metric-value">{text}</span>
        {!missing && help.unit && typeof value === 'number' ? (
          <span className="metric-unit">{help.unit}</span>
        ) : null}
      </div>
      {missing && reason ? <div className="metric-detail muted">{reason}</div> : null}
      {detail ? <div className="metric-detail">{detail}</div> : null}
      {open ? (
        <div className="metric-help" role="tooltip" id={tipId}>
          <p>
            <strong>What it is.</strong> {help.what}
          </p>
          <p>
            <strong>What good looks like.</strong> {help.good}
          </p>
        </div>
      ) : null}
    </div>
  );
}

'use client';

import type { LoudnessCurves } from '@mixscope/contracts';
import { formatNumber } from '@mixscope/present';
import { useEffect, useMemo } from 'react';
import { loudnessDomain, loudnessRows } from '../charts/chart-data.ts';
import { prepareContext, themeColor, useCanvasSurface } from './canvas-surface.ts';
import styles from './studio.module.css';
import { timeToFraction, type TimelineView } from './timeline-view.ts';

export interface StripCurve {
  curves: LoudnessCurves;
  integratedLufs: number | null;
  /** The track that plays is drawn solid, the other faint. */
  active: boolean;
}

/** Short-term loudness on the waveform's time axis, one curve per track. */
export function LoudnessStrip({ curves, view }: { curves: StripCurve[]; view: TimelineView }) {
  const { ref, size, theme } = useCanvasSurface();
  const rows = useMemo(
    () => curves.map((curve) => ({ ...curve, rows: loudnessRows(curve.curves, 4000) })),
    [curves],
  );
  const [low, high] = useMemo(() => {
    const active = rows.find((curve) => curve.active) ?? rows[0];
    return active ? loudnessDomain(active.rows, active.integratedLufs) : [-60, 0];
  }, [rows]);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || size.width === 0) return;
    const context = prepareContext(canvas, size);
    if (!context) return;
    const y = (lufs: number) => size.height - ((lufs - low) / (high - low)) * size.height;
    // The chart variables where the theme has them, so the strip matches the loudness chart.
    const line = themeColor(canvas, ['--chart-short-term', '--warn'], '#ffb454');
    const integrated = themeColor(canvas, ['--chart-integrated', '--text-muted'], '#8b95a3');
    // The inactive curve first, so the one that plays lies on top.
    for (const curve of [...rows].sort((a, b) => Number(a.active) - Number(b.active))) {
      context.strokeStyle = line;
      context.globalAlpha = curve.active ? 1 : 0.35;
      context.lineWidth = curve.active ? 1.5 : 1;
      context.beginPath();
      let drawing = false;
      for (const row of curve.rows) {
        const fraction = timeToFraction(row.t, view);
        if (row.shortTerm === null || fraction < -0.01 || fraction > 1.01) {
          drawing = false;
          continue;
        }
        const x = fraction * size.width;
        if (drawing) context.lineTo(x, y(row.shortTerm));
        else context.moveTo(x, y(row.shortTerm));
        drawing = true;
      }
      context.stroke();
      if (curve.active && curve.integratedLufs !== null) {
        context.globalAlpha = 1;
        context.strokeStyle = integrated;
        context.setLineDash([4, 4]);
        context.beginPath();
        context.moveTo(0, y(curve.integratedLufs));
        context.lineTo(size.width, y(curve.integratedLufs));
        context.stroke();
        context.setLineDash([]);
      }
    }
    context.globalAlpha = 1;
  }, [ref, size, theme, rows, view, low, high]);

  return (
    <div className={styles.strip}>
      <canvas
        ref={ref}
        className={styles.canvas}
        role="img"
        aria-label={`Short-term loudness, ${formatNumber(low, 0)} to ${formatNumber(high, 0)} LUFS`}
        data-testid="loudness-strip"
      />
      <span className={styles.stripScale} aria-hidden="true">
        {formatNumber(high, 0)} LUFS
      </span>
      <span className={`${styles.stripScale} ${styles.stripScaleLow}`} aria-hidden="true">
        {formatNumber(low, 0)}
      </span>
    </div>
  );
}

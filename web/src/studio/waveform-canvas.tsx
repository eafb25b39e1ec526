'use client';

import { useEffect } from 'react';
import type { Waveform } from '../api/api-types.ts';
import styles from './studio.module.css';
import { prepareContext, themeColor, useCanvasSurface } from './canvas-surface.ts';
import { columnEnvelope, timeToFraction, type TimelineView } from './timeline-view.ts';

/** The min/max envelope of each channel in its own lane; what is already played is drawn stronger. */
export function WaveformCanvas({
  waveform,
  view,
  playheadSec,
}: {
  waveform: Waveform | null;
  view: TimelineView;
  playheadSec: number;
}) {
  const { ref, size, theme } = useCanvasSurface();
  // Redrawn at most once per pixel the playhead moves.
  const playedColumn = Math.round(timeToFraction(playheadSec, view) * size.width);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || size.width === 0 || !waveform) return;
    const context = prepareContext(canvas, size);
    if (!context) return;
    const columns = Math.round(size.width);
    const lanes = waveform.channels.length || 1;
    const laneHeight = size.height / lanes;
    const played = themeColor(canvas, '--accent', '#5ab0ff');
    const ahead = themeColor(canvas, '--text-muted', '#8b95a3');
    const axis = themeColor(canvas, '--border', '#2a313c');
    waveform.channels.forEach((channel, lane) => {
      const { min, max } = columnEnvelope(channel, waveform.pointsPerSecond, view, columns);
      const middle = laneHeight * lane + laneHeight / 2;
      const half = laneHeight / 2 - 1;
      context.fillStyle = axis;
      context.fillRect(0, middle, size.width, 1);
      for (let x = 0; x < columns; x++) {
        if (min[x] === 0 && max[x] === 0) continue;
        const top = middle - Math.min(1, Math.max(-1, max[x])) * half;
        const bottom = middle - Math.min(1, Math.max(-1, min[x])) * half;
        context.fillStyle = x <= playedColumn ? played : ahead;
        context.fillRect(x, top, 1, Math.max(1, bottom - top));
      }
    });
  }, [ref, size, theme, waveform, view, playedColumn]);

  return <canvas ref={ref} className={styles.canvas} aria-hidden="true" />;
}

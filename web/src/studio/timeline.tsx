'use client';

import { formatDuration } from '@mixscope/present';
import { useRef, type PointerEvent, type WheelEvent } from 'react';
import type { Waveform } from '../api/api-types.ts';
import type { IssueMarker } from './issue-markers.ts';
import { LoudnessStrip, type StripCurve } from './loudness-strip.tsx';
import styles from './studio.module.css';
import {
  fractionToTime,
  fullView,
  markerLeftPercent,
  MIN_VIEW_SEC,
  panView,
  timeToFraction,
  viewSpan,
  zoomView,
  type TimelineView,
} from './timeline-view.ts';
import { WaveformCanvas } from './waveform-canvas.tsx';
import { SectionBands } from './section-bands.tsx';
import type { Section } from '@mixscope/contracts';

export interface CommentMarker {
  id: string;
  atSec: number;
  endSec: number | null;
  resolved: boolean;
  label: string;
}

export interface TimelineProps {
  waveform: Waveform | null;
  durationSec: number;
  view: TimelineView;
  onViewChange: (view: TimelineView) => void;
  playheadSec: number;
  issueMarkers: readonly IssueMarker[];
  commentMarkers: readonly CommentMarker[];
  sections?: readonly Section[] | null;
  curves: StripCurve[];
  onSeek: (atSec: number) => void;
  onIssueMarker: (marker: IssueMarker) => void;
  onCommentMarker: (id: string) => void;
}

const time = (sec: number) => formatDuration(sec, { tenths: true });

/** The waveform with its playhead, issue and comment markers, zoom, and the loudness under it. */
export function Timeline(props: TimelineProps) {
  const { view, durationSec, onViewChange, playheadSec } = props;
  const lane = useRef<HTMLDivElement | null>(null);
  const whole = fullView(durationSec);
  const zoomed = viewSpan(view) < viewSpan(whole) - 1e-6;
  const playheadLeft = markerLeftPercent(playheadSec, view);

  const anchor = () =>
    playheadLeft === null ? (view.startSec + view.endSec) / 2 : Math.min(playheadSec, durationSec);
  const zoom = (factor: number) => onViewChange(zoomView(view, factor, anchor(), durationSec));

  const timeAt = (clientX: number) => {
    const box = lane.current?.getBoundingClientRect();
    if (!box || box.width === 0) return view.startSec;
    const fraction = Math.min(1, Math.max(0, (clientX - box.left) / box.width));
    return Math.min(durationSec, fractionToTime(fraction, view));
  };

  const seekFromPointer = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0 || event.target !== event.currentTarget) return;
    props.onSeek(timeAt(event.clientX));
  };

  const onWheel = (event: WheelEvent<HTMLDivElement>) => {
    // Ctrl + wheel is also what a trackpad pinch sends.
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      onViewChange(
        zoomView(view, event.deltaY < 0 ? 1.25 : 0.8, timeAt(event.clientX), durationSec),
      );
    } else if (zoomed && Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
      const secPerPixel = viewSpan(view) / (lane.current?.clientWidth || 1);
      onViewChange(panView(view, view.startSec + event.deltaX * secPerPixel, durationSec));
    }
  };

  return (
    <div className={styles.timeline}>
      <div
        ref={lane}
        className={styles.lane}
        data-testid="waveform"
        data-view-start={view.startSec.toFixed(3)}
        data-view-end={view.endSec.toFixed(3)}
        role="slider"
        tabIndex={-1}
        aria-label="Position"
        aria-valuemin={0}
        aria-valuemax={Math.round(durationSec)}
        aria-valuenow={Math.round(playheadSec)}
        aria-valuetext={time(playheadSec)}
        onPointerDown={seekFromPointer}
        onWheel={onWheel}
      >
        <SectionBands sections={props.sections} view={view} />
        <WaveformCanvas waveform={props.waveform} view={view} playheadSec={playheadSec} />
        {props.waveform ? null : <span className={styles.laneNote}>Loading the waveform…</span>}
        {props.commentMarkers.map((marker) => {
          const left = markerLeftPercent(marker.atSec, view);
          if (left === null) return null;
          const end = marker.endSec === null ? null : timeToFraction(marker.endSec, view) * 100;
          return (
            <button
              key={marker.id}
              type="button"
              className={`${styles.commentMarker} ${marker.resolved ? styles.resolved : ''}`}
              style={{
                left: `${left}%`,
                width: end === null ? undefined : `${Math.max(0, Math.min(100, end) - left)}%`,
              }}
              data-testid="comment-marker"
              data-at={marker.atSec}
              title={`${time(marker.atSec)} · ${marker.label}`}
              aria-label={`Comment at ${time(marker.atSec)}: ${marker.label}`}
              onClick={() => props.onCommentMarker(marker.id)}
            />
          );
        })}
        {props.issueMarkers.map((marker) => {
          const left = markerLeftPercent(marker.atSec, view);
          if (left === null) return null;
          return (
            <button
              key={marker.key}
              type="button"
              className={`${styles.issueMarker} ${styles[`severity-${marker.severity}`] ?? ''}`}
              style={{ left: `${left}%` }}
              data-testid="issue-marker"
              data-code={marker.code}
              data-at={marker.atSec}
              title={`${time(marker.atSec)} · ${marker.message}`}
              aria-label={`${marker.label} at ${time(marker.atSec)}: play from here`}
              onClick={() => props.onIssueMarker(marker)}
            />
          );
        })}
        {playheadLeft === null ? null : (
          <div
            className={styles.playhead}
            style={{ left: `${playheadLeft}%` }}
            data-testid="playhead"
            data-time={playheadSec.toFixed(3)}
            aria-hidden="true"
          />
        )}
      </div>
      {props.curves.length > 0 ? <LoudnessStrip curves={props.curves} view={view} /> : null}
      <div className={styles.zoomRow}>
        <span className={styles.viewTimes} aria-hidden="true">
          {time(view.startSec)}
        </span>
        <div className={styles.zoomButtons}>
          <button
            type="button"
            className="button ghost small"
            onClick={() => zoom(0.5)}
            disabled={!zoomed}
            aria-label="Zoom out"
          >
            −
          </button>
          <button
            type="button"
            className="button ghost small"
            onClick={() => zoom(2)}
            disabled={viewSpan(view) <= MIN_VIEW_SEC}
            aria-label="Zoom in"
          >
            +
          </button>
          <button
            type="button"
            className="button ghost small"
            onClick={() => onViewChange(whole)}
            disabled={!zoomed}
          >
            Fit
          </button>
        </div>
        <span className={styles.viewTimes} aria-hidden="true">
          {time(view.endSec)}
        </span>
      </div>
      {zoomed ? (
        <input
          type="range"
          className={styles.scroller}
          aria-label="Scroll the waveform"
          min={0}
          max={Math.max(0, durationSec - viewSpan(view))}
          step={0.01}
          value={view.startSec}
          onChange={(event) => onViewChange(panView(view, Number(event.target.value), durationSec))}
        />
      ) : null}
    </div>
  );
}

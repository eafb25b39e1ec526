'use client';

import type { AudioIssue, LoudnessCurves, Section } from '@mixscope/contracts';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Waveform } from '../api/api-types.ts';
import { issueMarkers } from './issue-markers.ts';
import styles from './studio.module.css';
import { Timeline, type CommentMarker } from './timeline.tsx';
import {
  followPlayhead,
  fullView,
  needsDetail,
  viewSpan,
  type TimelineView,
} from './timeline-view.ts';
import { Transport } from './transport.tsx';
import { useAbPlayer, type AbPlayer, type PlayerTrack } from './use-ab-player.ts';
import { useWaveformLevels, type WaveformSource } from './use-waveform-levels.ts';

export interface StudioTrack extends PlayerTrack, Omit<WaveformSource, 'id'> {
  durationSec: number | null;
  curves: LoudnessCurves | null;
  issues: readonly AudioIssue[];
  sections?: readonly Section[] | null;
}

export interface StudioPlayerProps {
  /** One track, or two to compare (A and B). */
  tracks: StudioTrack[];
  commentMarkers?: readonly CommentMarker[];
  onCommentMarker?: (id: string) => void;
  /** Beside the waveform: the comments, given the player to seek and read the playhead. */
  aside?: (player: AbPlayer) => ReactNode;
}

/** Steps of the arrow keys: 5 s, 1 s with Shift. */
const SEEK_STEP_SEC = 5;
const FINE_STEP_SEC = 1;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

/** Space plays or pauses, the arrows seek, A and B choose the track; not while typing. */
function useStudioKeys(player: AbPlayer, durationSec: number) {
  const current = useRef({ player, durationSec });
  current.current = { player, durationSec };
  useEffect(() => {
    const ignored = (event: KeyboardEvent) =>
      event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target);
    const onKeyDown = (event: KeyboardEvent) => {
      if (ignored(event)) return;
      const { player, durationSec } = current.current;
      const step = event.shiftKey ? FINE_STEP_SEC : SEEK_STEP_SEC;
      const key = event.key.toLowerCase();
      if (key === ' ') {
        event.preventDefault();
        if (!event.repeat) player.toggle();
      } else if (key === 'arrowleft') {
        event.preventDefault();
        player.seek(Math.max(0, player.currentTime - step));
      } else if (key === 'arrowright') {
        event.preventDefault();
        player.seek(Math.min(durationSec, player.currentTime + step));
      } else if ((key === 'a' || key === 'b') && player.tracks.length > 1) {
        player.select(player.tracks[key === 'a' ? 0 : 1].id);
      }
    };
    // A focused button would take the released space as a click too.
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === ' ' && !ignored(event)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, []);
}

export function StudioPlayer({
  tracks,
  commentMarkers = [],
  onCommentMarker,
  aside,
}: StudioPlayerProps) {
  const player = useAbPlayer(tracks);
  const active = tracks.find((track) => track.id === player.active.id) ?? tracks[0];
  const [view, setView] = useState<TimelineView | null>(null);
  const [columns, setColumns] = useState(1000);
  const [detailFor, setDetailFor] = useState<string | null>(null);
  const { levels, error } = useWaveformLevels(tracks, detailFor);

  const activeLevels = levels[active.id];
  const overview = activeLevels?.overview ?? null;
  const durationSec = Math.max(
    0,
    ...tracks.map((track) => levels[track.id]?.overview?.durationSec ?? track.durationSec ?? 0),
  );
  const shown = view ?? fullView(durationSec);
  const detailWanted = !!overview && needsDetail(shown, overview.pointsPerSecond, columns);
  useEffect(() => {
    if (detailWanted) setDetailFor(active.id);
  }, [detailWanted, active.id]);
  const waveform: Waveform | null =
    detailWanted && activeLevels?.detail ? activeLevels.detail : overview;

  useEffect(() => {
    if (player.playing && view) setView(followPlayhead(view, player.currentTime, durationSec));
  }, [player.playing, player.currentTime, view, durationSec]);

  useStudioKeys(player, durationSec);

  const markers = useMemo(
    () => issueMarkers(active.issues, durationSec),
    [active.issues, durationSec],
  );
  const curves = useMemo(
    () =>
      tracks
        .filter((track) => track.curves)
        .map((track) => ({
          curves: track.curves as LoudnessCurves,
          integratedLufs: track.integratedLufs,
          active: track.id === active.id,
        })),
    [tracks, active.id],
  );

  return (
    <section
      className={styles.studio}
      aria-label="Player"
      data-testid="studio-player"
      data-detail={waveform && waveform !== overview ? 'detail' : 'overview'}
    >
      <div
        className={styles.main}
        ref={(node) => {
          if (node && node.clientWidth && node.clientWidth !== columns)
            setColumns(node.clientWidth);
        }}
      >
        <Transport player={player} durationSec={durationSec} />
        <Timeline
          waveform={waveform}
          durationSec={durationSec}
          view={shown}
          onViewChange={(next) =>
            setView(viewSpan(next) >= viewSpan(fullView(durationSec)) ? null : next)
          }
          playheadSec={player.currentTime}
          issueMarkers={markers}
          commentMarkers={commentMarkers}
          sections={active.sections}
          curves={curves}
          onSeek={player.seek}
          onIssueMarker={(marker) => player.seekAndPlay(marker.atSec)}
          onCommentMarker={(id) => {
            const marker = commentMarkers.find((candidate) => candidate.id === id);
            if (marker) player.seek(marker.atSec);
            onCommentMarker?.(id);
          }}
        />
        {error ? (
          <p className="form-error small" role="alert">
            The waveform could not be loaded: {error}
          </p>
        ) : null}
        <p className={`muted small ${styles.keys}`}>
          Space plays or pauses · ← → seek 5 s (Shift: 1 s)
          {tracks.length > 1 ? ' · A / B switch tracks' : ''} · Ctrl + wheel zooms
        </p>
      </div>
      {aside ? <div className={styles.aside}>{aside(player)}</div> : null}
    </section>
  );
}

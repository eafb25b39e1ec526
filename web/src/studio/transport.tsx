'use client';

import { formatDuration } from '@mixscope/present';
import { describeGain } from './ab-gain.ts';
import styles from './studio.module.css';
import type { AbPlayer } from './use-ab-player.ts';

const time = (sec: number) => formatDuration(sec, { tenths: true });

/** Play and pause, the position, the track switch and what is heard at which gain. */
export function Transport({ player, durationSec }: { player: AbPlayer; durationSec: number }) {
  const { active, tracks } = player;
  const activeGain = player.gainDb(active.id);
  return (
    <div className={styles.transport}>
      <button
        type="button"
        className="button primary"
        onClick={player.toggle}
        aria-label={player.playing ? 'Pause' : 'Play'}
        data-testid="play-toggle"
      >
        {player.playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <span className={styles.clock} data-testid="clock">
        {time(player.currentTime)} / {time(durationSec)}
      </span>
      {tracks.length > 1 ? (
        <div className={styles.abSwitch} role="group" aria-label="Track">
          {tracks.map((track, index) => (
            <button
              key={track.id}
              type="button"
              className={`button small ${track.id === active.id ? 'primary' : 'ghost'}`}
              aria-pressed={track.id === active.id}
              onClick={() => player.select(track.id)}
              data-track={track.id}
              data-gain-db={player.gainDb(track.id).toFixed(3)}
              title={`Key ${index === 0 ? 'A' : 'B'}`}
            >
              {index === 0 ? 'A' : 'B'} · {track.label}
            </button>
          ))}
        </div>
      ) : null}
      <span
        className={styles.abStatus}
        role="status"
        data-testid="ab-status"
        data-active-track={active.id}
        data-gain-db={activeGain.toFixed(3)}
      >
        {describeGain(active.label, activeGain, tracks.length > 1 ? player.matched : null)}
      </span>
      {player.error ? (
        <span className="form-error small" role="alert">
          {player.error}
        </span>
      ) : null}
    </div>
  );
}

'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AudioUrl } from '../api/api-types.ts';
import { describeError } from '../lib/error-text.ts';
import { loudnessMatchGains } from './ab-gain.ts';
import { AbEngine } from './ab-engine.ts';

export interface PlayerTrack {
  id: string;
  label: string;
  integratedLufs: number | null;
  /** A fresh presigned URL of the original file. */
  loadAudioUrl: () => Promise<AudioUrl>;
}

export interface AbPlayer {
  tracks: readonly PlayerTrack[];
  active: PlayerTrack;
  playing: boolean;
  currentTime: number;
  /** Whether the tracks' gains are loudness-matched (two tracks, both with a loudness). */
  matched: boolean;
  /** The gain each track's match node applies, in dB. */
  gainDb: (id: string) => number;
  error: string | null;
  toggle: () => void;
  play: () => Promise<void>;
  pause: () => void;
  seek: (toSec: number) => void;
  seekAndPlay: (toSec: number) => void;
  select: (id: string) => void;
}

/** A URL is renewed this long before it expires, so a seek never meets a refused request. */
const RENEW_BEFORE_MS = 30_000;
/** A track whose URL keeps failing is not retried more often than this. */
const RETRY_GAP_MS = 5_000;

const expiresSoon = (url: AudioUrl | undefined) =>
  !url || Date.parse(url.expiresAt) - Date.now() < RENEW_BEFORE_MS;

/** The A/B engine for React: loads the tracks' URLs, renews them, and reports the playhead. */
export function useAbPlayer(tracks: readonly PlayerTrack[]): AbPlayer {
  const trackKey = tracks.map((track) => track.id).join('|');
  const engineRef = useRef<AbEngine | null>(null);
  const urls = useRef(new Map<string, AudioUrl>());
  const lastRetry = useRef(new Map<string, number>());
  const tracksRef = useRef(tracks);
  tracksRef.current = tracks;
  const [, setVersion] = useState(0);
  const [currentTime, setCurrentTime] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const lufsA = tracks[0].integratedLufs;
  const lufsB = tracks.length === 2 ? tracks[1].integratedLufs : null;
  const gains = useMemo(() => {
    const [a, b] = trackKey.split('|');
    if (b === undefined) return { byId: { [a]: 0 } as Record<string, number>, matched: false };
    const rule = loudnessMatchGains(lufsA, lufsB);
    return {
      byId: { [a]: rule.aDb, [b]: rule.bDb } as Record<string, number>,
      matched: rule.matched,
    };
  }, [trackKey, lufsA, lufsB]);

  const loadUrl = useCallback(async (engine: AbEngine, id: string) => {
    const track = tracksRef.current.find((candidate) => candidate.id === id);
    if (!track) return;
    const url = await track.loadAudioUrl();
    if (engineRef.current !== engine) return;
    urls.current.set(id, url);
    engine.setSource(id, url.url);
  }, []);

  useEffect(() => {
    const ids = trackKey.split('|');
    const engine = new AbEngine(ids, (id) => {
      // An expired or refused URL: fetch a new one, at most every few seconds.
      const last = lastRetry.current.get(id) ?? 0;
      if (Date.now() - last < RETRY_GAP_MS) {
        setError('The audio could not be loaded. Reload the page to try again.');
        return;
      }
      lastRetry.current.set(id, Date.now());
      loadUrl(engine, id).catch((caught) => setError(describeError(caught)));
    });
    engineRef.current = engine;
    urls.current.clear();
    const unsubscribe = engine.subscribe(() => {
      setVersion((version) => version + 1);
      setCurrentTime(engine.currentTime);
    });
    Promise.all(ids.map((id) => loadUrl(engine, id))).catch((caught) =>
      setError(describeError(caught)),
    );
    return () => {
      unsubscribe();
      engine.destroy();
      if (engineRef.current === engine) engineRef.current = null;
    };
  }, [trackKey, loadUrl]);

  useEffect(() => {
    engineRef.current?.setMatchGains(gains.byId);
  }, [gains, trackKey]);

  const playing = engineRef.current?.playing ?? false;
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    const tick = () => {
      const engine = engineRef.current;
      if (!engine) return;
      engine.alignToActive();
      setCurrentTime(engine.currentTime);
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  const play = useCallback(async () => {
    const engine = engineRef.current;
    if (!engine) return;
    try {
      const stale = tracksRef.current.filter((track) => expiresSoon(urls.current.get(track.id)));
      await Promise.all(stale.map((track) => loadUrl(engine, track.id)));
      await engine.play();
      setError(null);
    } catch (caught) {
      setError(describeError(caught));
    }
  }, [loadUrl]);

  const pause = useCallback(() => engineRef.current?.pause(), []);
  const seek = useCallback((toSec: number) => engineRef.current?.seek(toSec), []);
  const select = useCallback((id: string) => engineRef.current?.select(id), []);
  const toggle = useCallback(() => {
    if (engineRef.current?.playing) pause();
    else void play();
  }, [play, pause]);
  const seekAndPlay = useCallback(
    (toSec: number) => {
      seek(toSec);
      if (!engineRef.current?.playing) void play();
    },
    [seek, play],
  );

  const engine = engineRef.current;
  const active = tracks.find((track) => track.id === engine?.active) ?? tracks[0];
  return {
    tracks,
    active,
    playing,
    currentTime,
    matched: gains.matched,
    gainDb: (id) => engine?.appliedGainDb(id) ?? gains.byId[id] ?? 0,
    error,
    toggle,
    play,
    pause,
    seek,
    seekAndPlay,
    select,
  };
}

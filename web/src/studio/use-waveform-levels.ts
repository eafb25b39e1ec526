'use client';

import { useEffect, useRef, useState } from 'react';
import type { Waveform } from '../api/api-types.ts';
import { describeError } from '../lib/error-text.ts';

export interface WaveformSource {
  id: string;
  /** Already at hand (a shared page carries the overview). */
  overview?: Waveform | null;
  /** Absent where only the overview is offered. */
  loadOverview?: () => Promise<Waveform>;
  loadDetail?: () => Promise<Waveform>;
}

interface Levels {
  overview: Waveform | null;
  detail: Waveform | null;
}

/**
 * The overview level of every track, loaded at once, and the detail level of a track once it is
 * asked for (zoomed in closer than the overview resolves).
 */
export function useWaveformLevels(sources: readonly WaveformSource[], detailFor: string | null) {
  const [levels, setLevels] = useState<Record<string, Levels>>({});
  const [error, setError] = useState<string | null>(null);
  const requested = useRef(new Set<string>());
  const sourcesRef = useRef(sources);
  sourcesRef.current = sources;
  const key = sources.map((source) => source.id).join('|');

  const store = (id: string, level: keyof Levels, waveform: Waveform) =>
    setLevels((current) => ({
      ...current,
      [id]: { ...(current[id] ?? { overview: null, detail: null }), [level]: waveform },
    }));

  useEffect(() => {
    let live = true;
    for (const source of sourcesRef.current) {
      if (source.overview) store(source.id, 'overview', source.overview);
      else if (source.loadOverview && !requested.current.has(`${source.id}:overview`)) {
        requested.current.add(`${source.id}:overview`);
        source.loadOverview().then(
          (waveform) => live && store(source.id, 'overview', waveform),
          (caught) => live && setError(describeError(caught)),
        );
      }
    }
    return () => {
      live = false;
      requested.current.clear();
    };
  }, [key]);

  useEffect(() => {
    if (!detailFor) return;
    const source = sourcesRef.current.find((candidate) => candidate.id === detailFor);
    if (!source?.loadDetail || requested.current.has(`${detailFor}:detail`)) return;
    requested.current.add(`${detailFor}:detail`);
    // The overview still draws if the detail cannot be had.
    source.loadDetail().then(
      (waveform) => store(detailFor, 'detail', waveform),
      () => undefined,
    );
  }, [detailFor]);

  return { levels, error };
}

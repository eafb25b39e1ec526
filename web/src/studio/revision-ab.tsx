'use client';

import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import type { Analysis } from '../api/api-types.ts';
import { api } from '../api/endpoints.ts';
import { describeError } from '../lib/error-text.ts';
import { StudioPlayer, type StudioTrack } from './studio-player.tsx';

function revisionTrack(analysis: Analysis): StudioTrack | null {
  const result = analysis.result;
  if (!result) return null;
  return {
    id: analysis.id,
    label: `#${analysis.revision} ${analysis.title || result.file.name}`,
    integratedLufs: result.loudness.integratedLufs,
    durationSec: result.file.durationSec,
    curves: result.loudness.curves,
    issues: result.issues,
    loadAudioUrl: () => api.audioUrl(analysis.id, 'mix'),
    loadOverview: () => api.waveform(analysis.id, 'mix'),
    loadDetail: () => api.waveform(analysis.id, 'mix', true),
  };
}

/** Two revisions of a project in the loudness-matched A/B player. */
export function RevisionAb({ projectId, ids }: { projectId: string; ids: [string, string] }) {
  const [analyses, setAnalyses] = useState<Analysis[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [a, b] = ids;

  useEffect(() => {
    Promise.all([api.getAnalysis(a), api.getAnalysis(b)]).then(
      (loaded) => setAnalyses(loaded.sort((x, y) => x.revision - y.revision)),
      (caught) => setError(describeError(caught)),
    );
  }, [a, b]);

  const tracks = useMemo(
    () => (analyses ?? []).map(revisionTrack).filter((t): t is StudioTrack => t !== null),
    [analyses],
  );

  const back = (
    <p className="crumbs">
      <Link href={`/projects/${projectId}`}>← Project</Link>
    </p>
  );
  if (error)
    return (
      <div className="panel error-panel" role="alert">
        {back}
        <h2>The revisions could not be loaded</h2>
        <p>{error}</p>
      </div>
    );
  if (!analyses) return <p className="muted">Loading the revisions…</p>;
  return (
    <div>
      <header className="page-head">
        <div>
          {back}
          <h1>A/B: {tracks.map((track) => track.label).join(' vs ')}</h1>
          <p className="muted">
            The louder revision is turned down to the quieter one’s integrated loudness.
          </p>
        </div>
      </header>
      {tracks.length === 2 ? (
        <StudioPlayer tracks={tracks} />
      ) : (
        <p className="form-error" role="alert">
          Both revisions need finished measurements to be compared.
        </p>
      )}
    </div>
  );
}

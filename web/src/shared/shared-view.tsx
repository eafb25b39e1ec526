'use client';

import { formatDate } from '@mixscope/present';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/api-error.ts';
import type { SharedAnalysis, TrackName } from '../api/api-types.ts';
import { api } from '../api/endpoints.ts';
import { ANALYSIS_TABS } from '../analysis/analysis-view.tsx';
import { ComparisonTab } from '../analysis/comparison-tab.tsx';
import { LoudnessTab } from '../analysis/loudness-tab.tsx';
import { OverviewTab } from '../analysis/overview-tab.tsx';
import { StereoSpectrumTab } from '../analysis/stereo-spectrum-tab.tsx';
import { SuggestionsTab } from '../analysis/suggestions-tab.tsx';
import { Tabs } from '../components/tabs.tsx';
import { describeError } from '../lib/error-text.ts';
import { CommentsPanel } from '../studio/comments-panel.tsx';
import { StudioPlayer, type StudioTrack } from '../studio/studio-player.tsx';

/** The tracks of a shared analysis: the overview waveform comes with the page, the audio by token. */
function sharedTracks(token: string, shared: SharedAnalysis): StudioTrack[] {
  const result = shared.analysis.result;
  if (!result) return [];
  const sides: { name: TrackName; label: string; measured: typeof result }[] = [
    { name: 'mix', label: 'Mix', measured: result },
  ];
  if (result.reference && shared.waveform.reference)
    sides.push({ name: 'reference', label: 'Reference', measured: result.reference });
  return sides.map(({ name, label, measured }) => ({
    id: name,
    label,
    integratedLufs: measured.loudness.integratedLufs,
    durationSec: measured.file.durationSec,
    curves: measured.loudness.curves,
    issues: measured.issues,
    overview: shared.waveform[name],
    loadAudioUrl: () => api.sharedAudioUrl(token, name),
  }));
}

/** What a client link shows, without an account: the player, the figures and the report. */
export function SharedView({ token }: { token: string }) {
  const [shared, setShared] = useState<SharedAnalysis | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [tab, setTab] = useState('overview');

  useEffect(() => {
    api.shared(token).then(setShared, setFailure);
  }, [token]);

  const tracks = useMemo(() => (shared ? sharedTracks(token, shared) : []), [token, shared]);

  if (failure) {
    const gone = failure instanceof ApiError && failure.status === 404;
    return (
      <div className="panel error-panel" role="alert">
        <h1>{gone ? 'This link does not work' : 'The shared analysis could not be loaded'}</h1>
        <p>
          {gone
            ? 'It may have expired or been revoked. Ask whoever sent it for a new one.'
            : describeError(failure)}
        </p>
      </div>
    );
  }
  if (!shared) return <p className="muted">Loading…</p>;

  const { analysis, comments } = shared;
  const result = analysis.result;
  return (
    <div className="analysis">
      <header className="page-head">
        <div>
          <p className="crumbs muted">{analysis.projectName}</p>
          <h1>{analysis.title || result?.file.name || `Revision ${analysis.revision}`}</h1>
          <p className="muted">
            Revision {analysis.revision} · {formatDate(analysis.createdAt)}
            {result?.comparison ? ` · reference ${result.comparison.referenceName}` : ''} · this
            link works until {formatDate(shared.expiresAt)}
          </p>
        </div>
      </header>
      {tracks.length > 0 ? (
        <StudioPlayer
          tracks={tracks}
          commentMarkers={(comments ?? [])
            .filter((comment) => comment.parentId === null)
            .map((comment) => ({
              id: comment.id,
              atSec: comment.atSec,
              endSec: comment.endSec,
              resolved: comment.resolved,
              label: `${comment.author.name}: ${comment.body.slice(0, 80)}`,
            }))}
          aside={
            comments
              ? (player) => (
                  <CommentsPanel
                    comments={comments}
                    viewer={null}
                    playheadSec={player.currentTime}
                    durationSec={tracks[0].durationSec ?? 0}
                    onSeek={player.seek}
                  />
                )
              : undefined
          }
        />
      ) : null}
      {result ? (
        <>
          <Tabs tabs={ANALYSIS_TABS} active={tab} onSelect={setTab} />
          <section
            id={`panel-${tab}`}
            role="tabpanel"
            aria-labelledby={`tab-${tab}`}
            className="tab-panel"
          >
            {tab === 'overview' ? <OverviewTab result={result} feedback={analysis.report} /> : null}
            {tab === 'loudness' ? <LoudnessTab result={result} /> : null}
            {tab === 'stereo' ? (
              <StereoSpectrumTab
                result={result}
                feedback={analysis.report}
                genre={analysis.genre}
              />
            ) : null}
            {tab === 'suggestions' ? (
              <SuggestionsTab feedback={analysis.report} pending={false} />
            ) : null}
            {tab === 'reference' ? (
              <ComparisonTab result={result} feedback={analysis.report} />
            ) : null}
          </section>
        </>
      ) : (
        <p className="muted">This revision has no measurements yet.</p>
      )}
    </div>
  );
}

'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/api-error.ts';
import type { Analysis } from '../api/api-types.ts';
import { subscribeToAnalysis } from '../api/analysis-socket.ts';
import { api } from '../api/endpoints.ts';
import { Tabs } from '../components/tabs.tsx';
import { describeError } from '../lib/error-text.ts';
import { formatDate } from '@mixscope/present';
import { analysisJson, analysisMarkdown, downloadText, exportFileName } from './analysis-export.ts';
import { ComparisonTab } from './comparison-tab.tsx';
import { LoudnessTab } from './loudness-tab.tsx';
import { OverviewTab } from './overview-tab.tsx';
import { ProgressPanel } from './progress-panel.tsx';
import { StereoSpectrumTab } from './stereo-spectrum-tab.tsx';
import { SuggestionsTab } from './suggestions-tab.tsx';
import { useCanDeleteAnalysis } from '../session/use-can.ts';

export const ANALYSIS_TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'loudness', label: 'Loudness & Dynamics' },
  { id: 'stereo', label: 'Stereo & Spectrum' },
  { id: 'suggestions', label: 'Suggestions' },
  { id: 'reference', label: 'Reference Comparison' },
];

const POLL_MS = 4000;
/** How long to keep looking for a report that is written after the measurements. */
const REPORT_WAIT_MS = 180_000;

function tabFromUrl(): string {
  const wanted = new URLSearchParams(window.location.search).get('tab');
  return ANALYSIS_TABS.some((tab) => tab.id === wanted) ? (wanted as string) : 'overview';
}

export function AnalysisView({ analysisId }: { analysisId: string }) {
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [liveNote, setLiveNote] = useState<string | null>(null);
  const [role, setRole] = useState<'mix' | 'reference' | null>(null);
  const [tab, setTab] = useState('overview');
  const [printing, setPrinting] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const canDelete = useCanDeleteAnalysis(analysis);
  const router = useRouter();
  const completedAt = useRef<number | null>(null);
  const [watchedLive, setWatchedLive] = useState(false);
  const [projectName, setProjectName] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const next = await api.getAnalysis(analysisId);
      setAnalysis((previous) =>
        // A late poll must not move the bar backwards past a socket update.
        previous &&
        next.status === previous.status &&
        next.percent < previous.percent &&
        next.status === 'running'
          ? { ...next, percent: previous.percent, stage: previous.stage }
          : next,
      );
      setLoadError(null);
    } catch (error) {
      setLoadError(error);
    }
  }, [analysisId]);

  useEffect(() => {
    setTab(tabFromUrl());
    void load();
  }, [load]);

  const projectId = analysis?.projectId;
  useEffect(() => {
    if (!projectId) return;
    // The project's name only names export files; without it they fall back to the id.
    api.getProject(projectId).then(
      (project) => setProjectName(project.name ?? null),
      () => setProjectName(null),
    );
  }, [projectId]);

  const status = analysis?.status;
  const live = status === 'queued' || status === 'running';
  const waitingForReport =
    status === 'completed' &&
    !analysis?.report &&
    analysis?.reportStatus !== 'ready' &&
    (completedAt.current === null || Date.now() - completedAt.current < REPORT_WAIT_MS);

  useEffect(() => {
    if (status === 'completed' && completedAt.current === null) completedAt.current = Date.now();
    if (status === 'queued' || status === 'running') setWatchedLive(true);
  }, [status]);

  // Live events while the analysis runs; polling as a safety net for missed events.
  useEffect(() => {
    if (!live) return;
    const unsubscribe = subscribeToAnalysis(analysisId, {
      onConnect: () => {
        setLiveNote(null);
        void load();
      },
      onProgress: (event) => {
        setRole(event.role ?? null);
        setAnalysis((previous) =>
          previous
            ? {
                ...previous,
                status: 'running',
                stage: event.stage,
                percent: Math.max(previous.percent, event.percent),
              }
            : previous,
        );
      },
      onCompleted: () => void load(),
      onFailed: (error) =>
        setAnalysis((previous) => (previous ? { ...previous, status: 'failed', error } : previous)),
      onError: (message) => setLiveNote(message),
    });
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [analysisId, live, load]);

  // The report is written after the measurements: the socket says when; polling is the safety net.
  useEffect(() => {
    if (!waitingForReport) return;
    const unsubscribe = subscribeToAnalysis(analysisId, {
      onProgress: () => undefined,
      onCompleted: () => undefined,
      onFailed: () => undefined,
      onReport: () => void load(),
    });
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [analysisId, waitingForReport, load]);

  const selectTab = (id: string) => {
    setTab(id);
    const url = new URL(window.location.href);
    url.searchParams.set('tab', id);
    window.history.replaceState(null, '', url);
  };

  useEffect(() => {
    if (!printing) return;
    const after = () => setPrinting(false);
    window.addEventListener('afterprint', after);
    // Let every tab render before the print dialog takes its snapshot.
    const timer = setTimeout(() => window.print(), 300);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('afterprint', after);
    };
  }, [printing]);

  const remove = async () => {
    if (!window.confirm('Delete this analysis and its audio? This cannot be undone.')) return;
    try {
      await api.deleteAnalysis(analysisId);
      router.push(analysis?.projectId ? `/projects/${analysis.projectId}` : '/projects');
    } catch (error) {
      setActionError(describeError(error));
    }
  };

  if (loadError && !analysis) {
    const notFound = loadError instanceof ApiError && loadError.status === 404;
    return (
      <div className="panel error-panel" role="alert">
        <h2>{notFound ? 'Analysis not found' : 'The analysis could not be loaded'}</h2>
        <p>
          {notFound
            ? 'There is no analysis at this address in your teams. It may have been deleted, or it belongs to another team.'
            : describeError(loadError)}
        </p>
        <Link className="button" href="/projects">
          Back to projects
        </Link>
      </div>
    );
  }
  if (!analysis) return <p className="muted">Loading analysis…</p>;

  const result = analysis.result;
  const title = analysis.title || result?.file.name || 'Analysis';
  return (
    <div className={printing ? 'analysis printing' : 'analysis'}>
      <header className="page-head">
        <div>
          <p className="crumbs">
            {analysis.projectId ? (
              <Link href={`/projects/${analysis.projectId}`}>← Project</Link>
            ) : null}
          </p>
          <h1>{title}</h1>
          <p className="muted">
            {formatDate(analysis.createdAt)}
            {result?.comparison ? ` · reference ${result.comparison.referenceName}` : ''}
            {analysis.genre ? ` · ${analysis.genre}` : ''}
          </p>
        </div>
        {status === 'completed' && result ? (
          <div className="actions-row no-print">
            <button
              className="button"
              onClick={() =>
                downloadText(
                  exportFileName(analysis, projectName, 'md'),
                  analysisMarkdown(result, analysis.report),
                  'text/markdown',
                )
              }
            >
              Export Markdown
            </button>
            <button
              className="button"
              onClick={() =>
                downloadText(
                  exportFileName(analysis, projectName, 'json'),
                  analysisJson(analysis),
                  'application/json',
                )
              }
            >
              Export JSON
            </button>
            <button className="button" onClick={() => setPrinting(true)}>
              Print
            </button>
            {canDelete ? (
              <button className="button ghost danger" onClick={() => void remove()}>
                Delete
              </button>
            ) : null}
          </div>
        ) : null}
      </header>
      {actionError ? (
        <p className="form-error" role="alert">
          {actionError}
        </p>
      ) : null}

      {live ? (
        <ProgressPanel
          status={analysis.status}
          stage={analysis.stage}
          percent={analysis.percent}
          role={role}
        />
      ) : null}
      {live && liveNote ? (
        <p className="muted small">{liveNote} Progress is checked every few seconds instead.</p>
      ) : null}

      {status === 'failed' ? (
        <div className="panel error-panel" role="alert">
          <h2>The analysis failed</h2>
          <p data-testid="failure-reason">{analysis.error || 'The analyzer gave no reason.'}</p>
          {analysis.projectId ? (
            <Link className="button" href={`/projects/${analysis.projectId}`}>
              Back to the project
            </Link>
          ) : null}
        </div>
      ) : null}

      {status === 'completed' && result ? (
        <>
          {watchedLive ? <ProgressPanel status="completed" stage="saving" percent={100} /> : null}
          <div className="no-print">
            <Tabs tabs={ANALYSIS_TABS} active={tab} onSelect={selectTab} />
          </div>
          {ANALYSIS_TABS.map(({ id, label }) => {
            const visible = printing || id === tab;
            if (!visible) return null;
            return (
              <section
                key={id}
                id={`panel-${id}`}
                role="tabpanel"
                aria-labelledby={`tab-${id}`}
                className="tab-panel"
              >
                {printing ? <h2 className="print-only">{label}</h2> : null}
                {id === 'overview' ? (
                  <OverviewTab
                    result={result}
                    feedback={analysis.report}
                    targets={analysis.targets}
                  />
                ) : null}
                {id === 'loudness' ? (
                  <LoudnessTab result={result} chartWidth={printing ? 700 : undefined} />
                ) : null}
                {id === 'stereo' ? (
                  <StereoSpectrumTab
                    result={result}
                    feedback={analysis.report}
                    genre={analysis.genre}
                    chartWidth={printing ? 700 : undefined}
                  />
                ) : null}
                {id === 'suggestions' ? (
                  <SuggestionsTab feedback={analysis.report} pending={waitingForReport} />
                ) : null}
                {id === 'reference' ? (
                  <ComparisonTab
                    result={result}
                    feedback={analysis.report}
                    chartWidth={printing ? 700 : undefined}
                  />
                ) : null}
              </section>
            );
          })}
        </>
      ) : null}
    </div>
  );
}

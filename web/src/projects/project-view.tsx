'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import type { BatchAnalysisResponse } from '@mixscope/contracts';
import type { Analysis, AnalysisSummary, Project } from '../api/api-types.ts';
import { api } from '../api/endpoints.ts';
import { Sparkline } from '../charts/sparkline.tsx';
import { describeError } from '../lib/error-text.ts';
import { formatDate, formatNumber } from '@mixscope/present';
import { ProfilesPanel } from '../profiles/profiles-panel.tsx';
import { UploadWizard } from '../upload/upload-wizard.tsx';
import { useCan } from '../session/use-can.ts';
import { RevisionComparison, type ComparedRevision } from './revision-comparison.tsx';

const FOLLOW_MS = 4000;

function revisionName(item: AnalysisSummary): string {
  return item.title || item.fileName || `Revision ${item.revision}`;
}

export function ProjectView({ projectId }: { projectId: string }) {
  const [project, setProject] = useState<Project | null>(null);
  const [items, setItems] = useState<AnalysisSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [documents, setDocuments] = useState<Record<string, Analysis>>({});
  const [queued, setQueued] = useState<BatchAnalysisResponse['analyses'] | null>(null);
  const canUpload = useCan('analyse', project?.teamId);

  const load = useCallback(async () => {
    try {
      const [loadedProject, page] = await Promise.all([
        api.getProject(projectId),
        api.listAnalyses(projectId),
      ]);
      setProject(loadedProject);
      setItems(page.items);
      setCursor(page.nextCursor);
    } catch (caught) {
      setError(describeError(caught));
    }
  }, [projectId]);

  useEffect(() => {
    void load();
  }, [load]);

  // After a batch the new revisions are analysed here, not on their own pages: follow them.
  const following =
    !!queued && items.some((item) => item.status === 'queued' || item.status === 'running');
  useEffect(() => {
    if (!following) return;
    const timer = setInterval(() => void load(), FOLLOW_MS);
    return () => clearInterval(timer);
  }, [following, load]);

  const loadMore = async () => {
    if (!cursor) return;
    try {
      const page = await api.listAnalyses(projectId, cursor);
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  // The comparison reads both revisions' whole documents, not the list's headline figures.
  useEffect(() => {
    const missing = selected.filter((id) => !documents[id]);
    if (missing.length === 0) return;
    let current = true;
    Promise.all(missing.map((id) => api.getAnalysis(id))).then(
      (loaded) => {
        if (!current) return;
        setDocuments((known) => ({
          ...known,
          ...Object.fromEntries(loaded.map((analysis) => [analysis.id, analysis])),
        }));
      },
      (caught) => current && setError(describeError(caught)),
    );
    return () => {
      current = false;
    };
  }, [selected, documents]);

  const toggle = (id: string) =>
    setSelected((current) =>
      current.includes(id) ? current.filter((x) => x !== id) : [...current.slice(-1), id],
    );

  if (error && !project) {
    return (
      <div className="panel error-panel" role="alert">
        <h2>Project unavailable</h2>
        <p>{error}</p>
        <Link className="button" href="/projects">
          Back to projects
        </Link>
      </div>
    );
  }
  if (!project) return <p className="muted">Loading project…</p>;

  const completed = items.filter((item) => item.status === 'completed').reverse();
  const trend = (key: 'integratedLufs' | 'truePeakDbtp' | 'widthScore') =>
    completed.map((item) => ({
      revision: `#${item.revision}`,
      label: `#${item.revision} ${revisionName(item)}`,
      value: item.headline[key],
    }));
  const compared = selected
    .map((id) => items.find((item) => item.id === id))
    .filter((item): item is AnalysisSummary => !!item)
    .sort((a, b) => a.revision - b.revision);
  const comparedDocuments = compared
    .map((item) => documents[item.id])
    .filter((analysis): analysis is ComparedRevision['analysis'] => !!analysis?.result);

  return (
    <div>
      <header className="page-head">
        <div>
          <p className="crumbs">
            <Link href="/projects">← Projects</Link>
          </p>
          <h1>{project.name}</h1>
          <p className="muted">
            {items.length} revision{items.length === 1 ? '' : 's'} · created{' '}
            {formatDate(project.createdAt)}
          </p>
        </div>
        {!uploading && canUpload ? (
          <button className="button primary" onClick={() => setUploading(true)}>
            New analysis
          </button>
        ) : null}
      </header>

      {uploading && canUpload ? (
        <UploadWizard
          project={project}
          onCancel={() => setUploading(false)}
          onQueued={(batch) => {
            setUploading(false);
            setQueued(batch.analyses);
            void load();
          }}
        />
      ) : null}
      {queued ? (
        <section className="panel" aria-label="Queued analyses" data-testid="queued-analyses">
          <div className="panel-head">
            <h3>{queued.length} analyses queued</h3>
            <button className="button ghost small" onClick={() => setQueued(null)}>
              Dismiss
            </button>
          </div>
          <ul className="bullets">
            {queued.map((item, i) => (
              <li key={item.analysisId}>
                <Link href={`/analyses/${item.analysisId}`}>Mix {i + 1}</Link>
                {item.projectId === projectId ? (
                  ' · a new revision of this project'
                ) : (
                  <>
                    {' · in a '}
                    <Link href={`/projects/${item.projectId}`}>new project</Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}

      {completed.length > 0 ? (
        <section className="sparkline-row" aria-label="Trends across revisions">
          <Sparkline title="Integrated" unit="LUFS" points={trend('integratedLufs')} />
          <Sparkline title="True peak" unit="dBTP" points={trend('truePeakDbtp')} />
          <Sparkline title="Width" unit="/100" decimals={0} points={trend('widthScore')} />
        </section>
      ) : null}

      {compared.length === 2 ? (
        <section className="compare-section" aria-label="Compare revisions">
          <div className="panel-head">
            <h2>
              #{compared[0].revision} → #{compared[1].revision}
            </h2>
            <Link
              className="button small"
              href={`/projects/${projectId}/ab?a=${compared[0].id}&b=${compared[1].id}`}
            >
              A/B these revisions
            </Link>
            <button className="button ghost small" onClick={() => setSelected([])}>
              Clear
            </button>
          </div>
          {comparedDocuments.length === 2 ? (
            <RevisionComparison
              older={{ analysis: comparedDocuments[0], name: revisionName(compared[0]) }}
              newer={{ analysis: comparedDocuments[1], name: revisionName(compared[1]) }}
            />
          ) : (
            <p className="muted">Loading both revisions…</p>
          )}
        </section>
      ) : items.length > 1 ? (
        <p className="muted small">Tick two revisions to compare them side by side.</p>
      ) : null}

      <section className="panel" aria-label="Revisions">
        <h3>Revisions</h3>
        {items.length === 0 ? (
          <p className="muted">No analyses yet. Start one with “New analysis”.</p>
        ) : (
          <ol className="timeline">
            {items.map((item) => (
              <li key={item.id} className={`timeline-item status-${item.status}`}>
                <input
                  type="checkbox"
                  aria-label={`Compare ${revisionName(item)}`}
                  checked={selected.includes(item.id)}
                  disabled={item.status !== 'completed'}
                  onChange={() => toggle(item.id)}
                />
                <div className="timeline-main">
                  <Link href={`/analyses/${item.id}`} className="timeline-title">
                    <span className="muted">#{item.revision}</span> {revisionName(item)}
                  </Link>
                  <span className="muted small">
                    {formatDate(item.createdAt)}
                    {item.referenceFileName ? ` · vs ${item.referenceFileName}` : ''}
                  </span>
                </div>
                {item.status === 'completed' ? (
                  <div className="timeline-figures">
                    <span>
                      <b>{formatNumber(item.headline.integratedLufs)}</b> LUFS
                    </span>
                    <span>
                      <b>{formatNumber(item.headline.truePeakDbtp)}</b> dBTP
                    </span>
                    <span>
                      LRA <b>{formatNumber(item.headline.loudnessRangeLu)}</b> LU
                    </span>
                    <span>
                      W <b>{formatNumber(item.headline.widthScore, 0)}</b>
                    </span>
                    {item.headline.key ? <span>{item.headline.key}</span> : null}
                  </div>
                ) : (
                  <span className={`badge status-${item.status}`}>{item.status}</span>
                )}
              </li>
            ))}
          </ol>
        )}
        {cursor ? (
          <button className="button ghost" onClick={() => void loadMore()}>
            Older revisions
          </button>
        ) : null}
      </section>

      <ProfilesPanel
        teamId={project.teamId}
        candidates={completed.map((item) => ({
          id: item.id,
          name: `#${item.revision} ${revisionName(item)}`,
        }))}
      />
    </div>
  );
}

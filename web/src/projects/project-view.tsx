'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import type { AnalysisSummary, Project } from '../api/api-types.ts';
import { api } from '../api/endpoints.ts';
import { Sparkline } from '../charts/sparkline.tsx';
import { describeError } from '../lib/error-text.ts';
import { formatDate, formatNumber } from '@mixscope/present';
import { UploadWizard } from '../upload/upload-wizard.tsx';
import { compareRevisions } from './revision-compare.ts';
import { useCan } from '../session/use-can.ts';

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
    completed.map((item) => ({ label: revisionName(item), value: item.headline[key] }));
  const compared = selected
    .map((id) => items.find((item) => item.id === id))
    .filter((item): item is AnalysisSummary => !!item)
    .sort((a, b) => a.revision - b.revision);

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
        <UploadWizard projectId={projectId} onCancel={() => setUploading(false)} />
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
        <section className="panel" aria-label="Compare revisions">
          <div className="panel-head">
            <h3>Compare revisions</h3>
            <button className="button ghost small" onClick={() => setSelected([])}>
              Clear
            </button>
          </div>
          <table className="data-table">
            <thead>
              <tr>
                <th>Metric</th>
                <th className="num">{revisionName(compared[0])}</th>
                <th className="num">{revisionName(compared[1])}</th>
                <th className="num">Change</th>
              </tr>
            </thead>
            <tbody>
              {compareRevisions(compared[0], compared[1]).map((row) => (
                <tr key={row.key}>
                  <td>{row.label}</td>
                  <td className="num">
                    {formatNumber(row.a, row.decimals)} {row.a !== null ? row.unit : ''}
                  </td>
                  <td className="num">
                    {formatNumber(row.b, row.decimals)} {row.b !== null ? row.unit : ''}
                  </td>
                  <td className="num">{formatNumber(row.delta, row.decimals, true)}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
    </div>
  );
}

'use client';

import type { ComparisonResult } from '@mixscope/contracts';
import { formatNumber } from '@mixscope/present';
import type { Analysis, AnalysisResult } from '../api/api-types.ts';
import { BandDeltaChart } from '../charts/band-delta-chart.tsx';
import { RevisionLoudnessChart } from '../charts/revision-loudness-chart.tsx';
import { SpectrumChart } from '../charts/spectrum-chart.tsx';
import { SeverityBadge } from '../components/severity-badge.tsx';
import { comparedMetric } from '../lib/compared-metric.ts';
import { feedbackChanges, type FeedbackProblem } from './feedback-changes.ts';
import { compareRevisionResults, revisionLoudnessRows } from './revision-compare.ts';

export interface ComparedRevision {
  analysis: Analysis & { result: AnalysisResult };
  name: string;
}

/** Two revisions in depth: loudness and spectrum overlaid, band changes, every figure, and the feedback that changed. */
export function RevisionComparison({
  older,
  newer,
  chartWidth,
}: {
  older: ComparedRevision;
  newer: ComparedRevision;
  chartWidth?: number;
}) {
  const comparison = compareRevisionResults(older.analysis.result, newer.analysis.result);
  const olderLabel = `#${older.analysis.revision} ${older.name}`;
  const newerLabel = `#${newer.analysis.revision} ${newer.name}`;
  const changes = feedbackChanges(
    { result: older.analysis.result, report: older.analysis.report },
    { result: newer.analysis.result, report: newer.analysis.report },
  );
  return (
    <div className="revision-comparison">
      <section className="panel" aria-label="Loudness of both revisions">
        <h3>Short-term loudness</h3>
        <RevisionLoudnessChart
          rows={revisionLoudnessRows(
            older.analysis.result.loudness.curves,
            newer.analysis.result.loudness.curves,
          )}
          olderLabel={olderLabel}
          newerLabel={newerLabel}
          width={chartWidth}
        />
      </section>

      <section className="panel" aria-label="Spectrum of both revisions">
        <h3>Spectrum, loudness-matched</h3>
        <p className="muted small">{matchSentence(comparison, olderLabel)}</p>
        <SpectrumChart
          mix={newer.analysis.result.spectrum.curve}
          reference={older.analysis.result.spectrum.curve}
          referenceGainDb={comparison.loudnessMatchGainDb ?? 0}
          mixLabel={newerLabel}
          referenceLabel={`${olderLabel}, level-matched`}
          width={chartWidth}
        />
        <h3>Band changes</h3>
        <BandDeltaChart
          bands={comparison.bands}
          label="Band level change between the revisions"
          deltaName={`#${newer.analysis.revision} − #${older.analysis.revision}, loudness-matched`}
          width={chartWidth}
        />
      </section>

      <FeedbackChangesPanel
        changes={changes}
        eitherHasReference={
          !!older.analysis.result.comparison || !!newer.analysis.result.comparison
        }
      />

      <section className="panel" aria-label="Every compared figure">
        <h3>Every figure</h3>
        <div className="table-scroll">
          <table className="data-table" aria-label="Compared figures">
            <thead>
              <tr>
                <th>Metric</th>
                <th className="num">{olderLabel}</th>
                <th className="num">{newerLabel}</th>
                <th className="num">Change</th>
              </tr>
            </thead>
            <tbody>
              {comparison.deltas.map((row) => {
                const shown = comparedMetric(row.metric);
                return (
                  <tr key={row.metric} data-metric={row.metric}>
                    <td>{shown.label}</td>
                    <td className="num">
                      {formatNumber(row.reference, shown.decimals)}{' '}
                      {row.reference !== null ? row.unit : ''}
                    </td>
                    <td className="num">
                      {formatNumber(row.mix, shown.decimals)} {row.mix !== null ? row.unit : ''}
                    </td>
                    <td className="num" title={comparison.reasons[row.metric]}>
                      {formatNumber(row.delta, shown.decimals, true)}{' '}
                      {row.delta !== null ? shown.deltaUnit(row.unit) : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

function matchSentence(comparison: ComparisonResult, olderLabel: string): string {
  const gain = comparison.loudnessMatchGainDb;
  if (gain === null) return 'One revision has no integrated loudness, so they cannot be matched.';
  if (gain === 0) return 'Both revisions have the same integrated loudness.';
  return `${olderLabel} is turned ${gain > 0 ? 'up' : 'down'} by ${formatNumber(Math.abs(gain))} dB to the newer revision's integrated loudness, so the curves and bands show balance, not level.`;
}

function FeedbackChangesPanel({
  changes,
  eitherHasReference,
}: {
  changes: ReturnType<typeof feedbackChanges>;
  eitherHasReference: boolean;
}) {
  return (
    <section className="panel" aria-label="What changed in the feedback">
      <h3>What changed in the feedback</h3>
      {changes.basis === 'issues' ? (
        <p className="muted small">
          A written report is not there yet for both revisions; this compares the measured issues.
        </p>
      ) : null}
      {eitherHasReference && !changes.referenceCompared ? (
        <p className="muted small">
          Only one of the revisions was measured against a reference, so its findings about the
          reference are left out.
        </p>
      ) : null}
      <div className="three-columns">
        <ProblemList title="Fixed" testId="feedback-fixed" problems={changes.fixed} empty="None" />
        <ProblemList title="New" testId="feedback-new" problems={changes.added} empty="None" />
        <ProblemList
          title="Still open"
          testId="feedback-open"
          problems={changes.remaining}
          empty="None"
        />
      </div>
    </section>
  );
}

function ProblemList({
  title,
  testId,
  problems,
  empty,
}: {
  title: string;
  testId: string;
  problems: FeedbackProblem[];
  empty: string;
}) {
  return (
    <div data-testid={testId}>
      <h4>
        {title} ({problems.length})
      </h4>
      {problems.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <ul className="issue-list">
          {problems.map((problem) => (
            <li key={problem.key} className="issue" data-key={problem.key}>
              <SeverityBadge severity={problem.severity} />
              <div>
                <strong>{problem.title}</strong>
                <p>{problem.message}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

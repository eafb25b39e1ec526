import type { Feedback } from '@mixscope/contracts';
import { formatProcessingSettings } from '@mixscope/present';
import { SeverityBadge } from '../components/severity-badge.tsx';

const PRIORITY_ORDER: Record<string, number> = { high: 0, medium: 1, low: 2 };

export function ReportSource({ feedback }: { feedback: Feedback }) {
  if (feedback.source === 'llm') {
    return (
      <span
        className="badge source-llm"
        title="Written by a language model, checked against the measurements"
      >
        Written by {feedback.model ?? 'the LLM'}, checked against the measurements
      </span>
    );
  }
  return (
    <span
      className="badge source-rules"
      title={feedback.fallbackReason ?? 'Deterministic rules engine'}
    >
      Rules engine{feedback.fallbackReason ? ` — ${feedback.fallbackReason}` : ''}
    </span>
  );
}

export function SuggestionsTab({
  feedback,
  pending,
}: {
  feedback: Feedback | null | undefined;
  pending?: boolean;
}) {
  if (!feedback) {
    return (
      <div className="tab-body">
        <p className="panel muted">
          {pending
            ? 'The written report is still being prepared; it appears here when ready.'
            : 'No report was written for this analysis.'}
        </p>
      </div>
    );
  }
  const { report } = feedback;
  const suggestions = [...report.suggestions].sort(
    (a, b) => (PRIORITY_ORDER[a.priority] ?? 3) - (PRIORITY_ORDER[b.priority] ?? 3),
  );
  const findings = feedback.findings.filter((finding) => finding.severity !== 'ok');
  return (
    <div className="tab-body">
      <section className="panel">
        <div className="panel-head">
          <h3>Summary</h3>
          <ReportSource feedback={feedback} />
        </div>
        <p className="lead">{report.summary}</p>
        {feedback.profile ? (
          <p className="muted small">
            {feedback.profile.chosenBy === 'references' ? 'Target' : 'Genre'} profile
            {feedback.profile.sure === false ? ' unsure: judged against the union of ' : ': '}
            {feedback.profile.name}
            {feedback.profile.chosenBy === 'user'
              ? ''
              : ` (${feedback.profile.chosenBy === 'auto' ? 'picked automatically: ' : ''}${feedback.profile.reason})`}
          </p>
        ) : null}
        {feedback.notes?.length ? (
          <ul className="muted small" aria-label="Consistency check">
            {feedback.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        ) : null}
        <div className="three-columns prose">
          <div>
            <h4>Loudness &amp; dynamics</h4>
            <p>{report.loudnessDynamics}</p>
          </div>
          <div>
            <h4>Spectral balance</h4>
            <p>{report.spectralBalance}</p>
          </div>
          <div>
            <h4>Stereo image</h4>
            <p>{report.stereoImage}</p>
          </div>
        </div>
      </section>
      <div className="two-columns">
        <section className="panel">
          <h3>Strengths</h3>
          <ul className="bullets good">
            {report.strengths.map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ul>
        </section>
        <section className="panel">
          <h3>Weaknesses</h3>
          <ul className="bullets weak">
            {report.weaknesses.map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ul>
        </section>
      </div>
      <section className="panel">
        <h3>Actions, most important first</h3>
        <ol className="actions">
          {suggestions.map((suggestion, i) => (
            <li key={i} data-priority={suggestion.priority}>
              <span className={`badge priority-${suggestion.priority}`}>{suggestion.priority}</span>
              <span className="muted small">{suggestion.area}</span>
              <strong>{suggestion.action}</strong>
              <p>{suggestion.detail}</p>
            </li>
          ))}
        </ol>
      </section>
      {report.processing.length > 0 ? (
        <section className="panel">
          <h3>Processing settings</h3>
          <table className="data-table" aria-label="Processing settings">
            <thead>
              <tr>
                <th>Type</th>
                <th>Target</th>
                <th>Settings</th>
              </tr>
            </thead>
            <tbody>
              {report.processing.map((step, i) => (
                <tr key={i}>
                  <td>
                    <span className="badge">{step.type}</span>
                  </td>
                  <td>{step.target}</td>
                  <td className="mono">{formatProcessingSettings(step.settings)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {findings.length > 0 ? (
        <details className="panel findings">
          <summary>
            <h3>Measured findings ({findings.length})</h3>
            <span className="muted small">
              each with its target and where the target comes from
            </span>
          </summary>
          <ul className="issue-list">
            {findings.map((finding) => (
              <li key={finding.id} className={`issue severity-${finding.severity}`}>
                <SeverityBadge severity={finding.severity} />
                <div>
                  <strong>{finding.title}</strong>
                  <p>{finding.message}</p>
                  {finding.target ? (
                    <p className="muted small">
                      Target {finding.target.label} — {finding.target.source}
                    </p>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

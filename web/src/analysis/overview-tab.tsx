import type { AnalysisResult, Feedback } from '@mixscope/contracts';
import { MetricCard } from '../components/metric-card.tsx';
import { PlatformTable } from '../components/platform-table.tsx';
import { SeverityBadge } from '../components/severity-badge.tsx';
import {
  formatBytes,
  formatDuration,
  formatNumber,
  keyEstimateText,
  tempoEstimateText,
} from '@mixscope/present';
import { topIssues } from './top-issues.ts';

export function OverviewTab({
  result,
  feedback,
  targets,
}: {
  result: AnalysisResult;
  feedback?: Feedback | null;
  /** The platforms chosen at upload. */
  targets?: readonly string[];
}) {
  const { loudness, stereo, tempo, key, file } = result;
  const issues = topIssues(result, feedback);
  const tempoEstimate = tempoEstimateText(tempo);
  const keyEstimate = keyEstimateText(key);
  return (
    <div className="tab-body">
      <section className="card-grid four" aria-label="Headline figures">
        <MetricCard
          metric="integratedLufs"
          value={loudness.integratedLufs}
          reason={loudness.reasons.integratedLufs}
        />
        <MetricCard
          metric="truePeakDbtp"
          value={loudness.truePeakDbtp}
          reason={loudness.reasons.truePeakDbtp}
        />
        <MetricCard
          metric="loudnessRangeLu"
          value={loudness.loudnessRangeLu}
          reason={loudness.reasons.loudnessRangeLu}
        />
        <MetricCard metric="plrDb" value={loudness.plrDb} reason={loudness.reasons.plrDb} />
        <MetricCard
          metric="widthScore"
          value={stereo?.widthScore ?? null}
          decimals={0}
          reason={stereo ? stereo.reasons.widthScore : (result.reasons.stereo ?? 'mono file')}
        />
        <MetricCard
          metric="bpm"
          value={tempoEstimate?.uncertain ? tempoEstimate.value : (tempo?.bpm ?? null)}
          reason={tempo ? tempo.reasons.bpm : result.reasons.tempo}
          tone={tempoEstimate?.uncertain ? 'warn' : undefined}
          detail={tempoEstimate?.confidence}
        />
        <MetricCard
          metric="key"
          value={keyEstimate?.value ?? null}
          reason={key ? key.reasons.label : result.reasons.key}
          tone={keyEstimate?.uncertain ? 'warn' : undefined}
          detail={keyEstimate?.confidence}
        />
        <MetricCard
          metric="durationSec"
          value={formatDuration(file.durationSec)}
          detail={`${file.codec} · ${formatNumber(file.sampleRate / 1000, 1)} kHz · ${file.channels} ch · ${formatBytes(file.sizeBytes)}${file.downmix ? ' · measured on its stereo downmix' : ''}`}
        />
      </section>

      <section className="panel">
        <h3>Top issues</h3>
        {issues.length === 0 ? (
          <p className="muted">
            No issues found: no clipping, overs, DC offset, phase problems or silence to trim.
          </p>
        ) : (
          <ul className="issue-list">
            {issues.map((issue) => (
              <li key={issue.key} className={`issue severity-${issue.severity}`}>
                <SeverityBadge severity={issue.severity} />
                <div>
                  <strong>{issue.title}</strong>
                  <p>{issue.detail}</p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel">
        <h3>How it will play</h3>
        <PlatformTable platforms={loudness.platforms} targets={targets} />
      </section>
    </div>
  );
}

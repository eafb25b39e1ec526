import { PROGRESS_STAGES as STAGES } from '@mixscope/contracts';
import { formatNumber } from '@mixscope/present';

const STAGE_LABELS: Record<string, string> = {
  queued: 'Waiting for a worker',
  decoding: 'Decoding',
  loudness: 'Loudness',
  spectrum: 'Spectrum',
  stereo: 'Stereo',
  tempo: 'Tempo',
  key: 'Key',
  codecs: 'Codec preview',
  saving: 'Saving',
  feedback: 'Writing feedback',
};

export function stageLabel(stage: string | null | undefined): string {
  return stage ? (STAGE_LABELS[stage] ?? stage) : STAGE_LABELS.queued;
}

/** Live progress of one analysis: the overall bar and where it is in the stage list. */
export function ProgressPanel({
  status,
  stage,
  percent,
  role,
}: {
  status: string;
  stage: string | null;
  percent: number;
  role?: 'mix' | 'reference' | null;
}) {
  const current = STAGES.indexOf(stage as (typeof STAGES)[number]);
  const done = status === 'completed';
  const shown = done ? 100 : Math.max(0, Math.min(100, percent));
  return (
    <section className="panel progress-panel" aria-label="Analysis progress">
      <div className="panel-head">
        <h3>
          {done
            ? 'Analysis complete'
            : status === 'queued'
              ? 'Queued'
              : `${stageLabel(stage)}${role === 'reference' ? ' (reference)' : ''}…`}
        </h3>
        <span className="progress-percent" data-testid="progress-percent">
          {formatNumber(shown, 0)} %
        </span>
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(shown)}
      >
        <div className="progress-fill" style={{ width: `${shown}%` }} />
      </div>
      <ol className="stage-list">
        {STAGES.map((name, i) => {
          const state =
            done || (current >= 0 && i < current) ? 'done' : i === current ? 'active' : 'pending';
          return (
            <li key={name} className={`stage stage-${state}`} data-stage={name}>
              <span className="stage-dot" aria-hidden="true" />
              {stageLabel(name)}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

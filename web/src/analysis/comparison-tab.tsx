import { isUncertainTempo, type AnalysisResult, type Feedback } from '@mixscope/contracts';
import { BandDeltaChart } from '../charts/band-delta-chart.tsx';
import { comparedMetric } from '../lib/compared-metric.ts';
import { formatNumber } from '@mixscope/present';

export function ComparisonTab({
  result,
  feedback,
  chartWidth,
}: {
  result: AnalysisResult;
  feedback?: Feedback | null;
  chartWidth?: number;
}) {
  const comparison = result.comparison;
  if (!comparison) {
    return (
      <div className="tab-body">
        <p className="panel muted">
          No reference track was uploaded with this mix. Start a new analysis and add a reference in
          step 2 to see loudness-matched differences.
        </p>
      </div>
    );
  }
  return (
    <div className="tab-body">
      <section className="panel">
        <h3>Against {comparison.referenceName}</h3>
        <p className="muted">
          The reference was turned{' '}
          {comparison.loudnessMatchGainDb !== null && comparison.loudnessMatchGainDb < 0
            ? 'down'
            : 'up'}{' '}
          by{' '}
          {formatNumber(
            comparison.loudnessMatchGainDb === null
              ? null
              : Math.abs(comparison.loudnessMatchGainDb),
          )}{' '}
          dB to match the mix&apos;s loudness, so the differences below are about balance, not
          level.
        </p>
        {feedback?.report.referenceComparison ? (
          <p className="lead">{feedback.report.referenceComparison}</p>
        ) : null}
        <BandDeltaChart bands={comparison.bands} width={chartWidth} />
      </section>
      <section className="panel">
        <h3>Figures side by side</h3>
        <table className="data-table" aria-label="Reference comparison">
          <thead>
            <tr>
              <th>Metric</th>
              <th className="num">Mix</th>
              <th className="num">Reference</th>
              <th className="num">Difference</th>
            </tr>
          </thead>
          <tbody>
            {comparison.deltas.map((row) => {
              const shown = comparedMetric(row.metric);
              // A tempo below the confidence threshold is a guess, and so is any difference from it.
              const tempoRow = row.metric === 'tempoBpm';
              const mixGuess = tempoRow && isUncertainTempo(result.tempo);
              const referenceGuess = tempoRow && isUncertainTempo(result.reference?.tempo);
              const approx = (guess: boolean, value: number | null) =>
                guess && value !== null ? '≈ ' : '';
              return (
                <tr key={row.metric} data-uncertain={mixGuess || referenceGuess || undefined}>
                  <td>
                    {shown.label}
                    {mixGuess || referenceGuess ? (
                      <span className="muted small"> (uncertain)</span>
                    ) : null}
                  </td>
                  <td className="num">
                    {approx(mixGuess, row.mix)}
                    {formatNumber(row.mix, shown.decimals)} {row.mix !== null ? row.unit : ''}
                  </td>
                  <td className="num">
                    {approx(referenceGuess, row.reference)}
                    {formatNumber(row.reference, shown.decimals)}{' '}
                    {row.reference !== null ? row.unit : ''}
                  </td>
                  <td className="num">
                    {approx(mixGuess || referenceGuess, row.delta)}
                    {formatNumber(row.delta, shown.decimals, true)}{' '}
                    {row.delta !== null ? shown.deltaUnit(row.unit) : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </div>
  );
}

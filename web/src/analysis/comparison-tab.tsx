import type { AnalysisResult, Feedback } from '@mixscope/contracts';
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
              return (
                <tr key={row.metric}>
                  <td>{shown.label}</td>
                  <td className="num">
                    {formatNumber(row.mix, shown.decimals)} {row.mix !== null ? row.unit : ''}
                  </td>
                  <td className="num">
                    {formatNumber(row.reference, shown.decimals)}{' '}
                    {row.reference !== null ? row.unit : ''}
                  </td>
                  <td className="num">
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

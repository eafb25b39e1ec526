import type { AnalysisResult } from '@mixscope/contracts';
import { LoudnessChart } from '../charts/loudness-chart.tsx';
import { MetricCard } from '../components/metric-card.tsx';
import { SectionsTable } from './sections-table.tsx';
import { formatNumber } from '@mixscope/present';
import { CodecPreview } from './codec-preview.tsx';

export function LoudnessTab({
  result,
  chartWidth,
}: {
  result: AnalysisResult;
  chartWidth?: number;
}) {
  const { loudness, transients } = result;
  const reasons = loudness.reasons;
  const perChannel = loudness.truePeakPerChannelDbtp.map((v) => formatNumber(v)).join(' / ');
  return (
    <div className="tab-body">
      <section className="panel">
        <h3>Loudness over time</h3>
        <LoudnessChart
          curves={loudness.curves}
          integratedLufs={loudness.integratedLufs}
          truePeakDbtp={loudness.truePeakDbtp}
          issues={result.issues}
          sections={result.sections}
          width={chartWidth}
        />
      </section>
      <SectionsTable sections={result.sections} reason={result.reasons.sections} />
      <section className="card-grid" aria-label="Loudness and dynamics">
        <MetricCard
          metric="integratedLufs"
          value={loudness.integratedLufs}
          reason={reasons.integratedLufs}
        />
        <MetricCard
          metric="loudnessRangeLu"
          value={loudness.loudnessRangeLu}
          reason={reasons.loudnessRangeLu}
        />
        <MetricCard
          metric="truePeakDbtp"
          value={loudness.truePeakDbtp}
          reason={reasons.truePeakDbtp}
          detail={perChannel ? `per channel ${perChannel} dBTP` : undefined}
        />
        <MetricCard metric="plrDb" value={loudness.plrDb} reason={reasons.plrDb} />
        <MetricCard
          metric="dynamicRangeDb"
          value={loudness.dynamicRangeDb}
          decimals={0}
          reason={reasons.dynamicRangeDb}
        />
        <MetricCard
          metric="crestFactorDb"
          value={loudness.crestFactorDb}
          reason={reasons.crestFactorDb}
        />
        <MetricCard
          metric="momentaryMaxLufs"
          value={loudness.momentaryMaxLufs}
          reason={reasons.momentaryMaxLufs}
        />
        <MetricCard
          metric="shortTermMaxLufs"
          value={loudness.shortTermMaxLufs}
          reason={reasons.shortTermMaxLufs}
        />
        <MetricCard
          metric="samplePeakDbfs"
          value={loudness.samplePeakDbfs}
          reason={reasons.samplePeakDbfs}
        />
        <MetricCard metric="rmsDbfs" value={loudness.rmsDbfs} reason={reasons.rmsDbfs} />
        {transients ? (
          <>
            <MetricCard metric="onsetDensity" value={transients.onsetDensityPerSec} />
            <MetricCard
              metric="attackSharpness"
              value={transients.attackSharpness}
              decimals={2}
              detail={
                transients.medianAttackMs !== null
                  ? `median attack ${formatNumber(transients.medianAttackMs)} ms`
                  : undefined
              }
            />
          </>
        ) : null}
      </section>
      <CodecPreview result={result} />
    </div>
  );
}

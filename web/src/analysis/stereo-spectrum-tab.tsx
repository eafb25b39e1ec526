import type { AnalysisResult, Feedback } from '@mixscope/contracts';
import { BandBalanceChart } from '../charts/band-balance-chart.tsx';
import { SpectrumChart } from '../charts/spectrum-chart.tsx';
import { StereoBandsChart } from '../charts/stereo-bands-chart.tsx';
import { StereoField } from '../charts/stereo-field.tsx';
import { MetricCard } from '../components/metric-card.tsx';
import { bandLabel } from '@mixscope/present';
import { genreForChoice } from '../lib/genre-profiles.ts';
import { useTargetProfile } from '../profiles/use-target-profile.ts';

export function StereoSpectrumTab({
  result,
  feedback,
  genre,
  chartWidth,
}: {
  result: AnalysisResult;
  feedback?: Feedback | null;
  genre?: string | null;
  chartWidth?: number;
}) {
  const { spectrum, stereo, comparison, reference } = result;
  const judgedByReferences = feedback?.profile?.chosenBy === 'references';
  const target = useTargetProfile(judgedByReferences ? feedback!.profile.id : null);
  const profile = judgedByReferences
    ? target && { name: target.name, bands: target.profile.bandsDb.bands }
    : genreForChoice(feedback?.profile, genre);
  return (
    <div className="tab-body">
      <section className="panel">
        <h3>Spectrum</h3>
        <SpectrumChart
          mix={spectrum.curve}
          reference={reference?.spectrum.curve ?? null}
          referenceName={comparison?.referenceName}
          referenceGainDb={comparison?.loudnessMatchGainDb ?? 0}
          width={chartWidth}
        />
      </section>
      <div className="two-columns">
        <section className="panel">
          <h3>
            Six-band balance
            <span className="muted small">
              {profile
                ? ` against ${profile.name}`
                : judgedByReferences
                  ? ` against ${feedback!.profile.name} (its ranges are not available here)`
                  : ' (pick a genre profile to see target ranges)'}
            </span>
          </h3>
          <BandBalanceChart
            bands={spectrum.bands}
            ranges={profile?.bands ?? null}
            profileName={profile?.name}
            width={chartWidth ? Math.round(chartWidth / 2) : undefined}
          />
        </section>
        <section className="panel">
          <h3>Stereo field</h3>
          {stereo ? (
            <StereoField
              bands={stereo.bands}
              correlation={stereo.correlation}
              balanceDb={stereo.balanceDb}
            />
          ) : (
            <p className="muted">
              {result.reasons.stereo ?? 'This file is mono: there is no stereo image to measure.'}
            </p>
          )}
        </section>
      </div>
      {stereo ? (
        <>
          <section className="panel">
            <h3>Correlation and width per band</h3>
            <StereoBandsChart bands={stereo.bands} width={chartWidth} />
            {stereo.monoCompatibility.outOfPhaseBands.length > 0 ? (
              <p className="text-bad">
                Out of phase in mono:{' '}
                {stereo.monoCompatibility.outOfPhaseBands.map(bandLabel).join(', ')}
              </p>
            ) : null}
          </section>
          <section className="card-grid" aria-label="Stereo figures">
            <MetricCard
              metric="widthScore"
              value={stereo.widthScore}
              decimals={0}
              reason={stereo.reasons.widthScore}
            />
            <MetricCard
              metric="correlation"
              value={stereo.correlation}
              decimals={2}
              reason={stereo.reasons.correlation}
            />
            <MetricCard
              metric="balanceDb"
              value={stereo.balanceDb}
              signed
              reason={stereo.reasons.balanceDb}
            />
            <MetricCard
              metric="sideToMidDb"
              value={stereo.sideToMidDb}
              reason={stereo.reasons.sideToMidDb}
            />
            <MetricCard
              metric="foldDownLossDb"
              value={stereo.monoCompatibility.foldDownLossDb}
              signed
            />
            <MetricCard
              metric="centroidHz"
              value={spectrum.centroidHz}
              decimals={0}
              reason={spectrum.reasons.centroidHz}
            />
          </section>
        </>
      ) : null}
    </div>
  );
}

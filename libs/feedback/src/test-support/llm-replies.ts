/** Report answers a model could give for a fixture, right and wrong, for the fake Groq. */
import type { AnalysisResult, Report } from '@mixscope/contracts';
import { buildSampleReport } from '@mixscope/contracts/testing';

const f1 = (v: number | null | undefined) => (v === null || v === undefined ? 'n/a' : v.toFixed(1));
const signed = (v: number) => (v > 0 ? `+${v.toFixed(1)}` : v.toFixed(1));

/** A report that quotes the fixture's figures as given, in the phrasing a model tends to use. */
export function groundedReport(
  result: AnalysisResult,
  quote: { integrated?: number } = {},
): Report {
  const L = result.loudness;
  const spotify = L.platforms.find((row) => row.id === 'spotify');
  const integrated = quote.integrated ?? L.integratedLufs!;
  const subCorrelation = result.stereo?.bands.find((b) => b.name === 'sub')?.correlation ?? null;
  const sample = buildSampleReport();
  return {
    summary: `A loud, punchy pop master at ${f1(integrated)} LUFS integrated with a true peak of ${signed(
      L.truePeakDbtp!,
    )} dBTP; bring the limiter ceiling down to -1.0 dBTP before release.`,
    loudnessDynamics: `Integrated loudness is ${f1(integrated)} LUFS and the short-term max reaches ${f1(
      L.shortTermMaxLufs,
    )} LUFS. ${spotify?.gainDb ? `Spotify turns it down ${Math.abs(spotify.gainDb).toFixed(1)} dB. ` : ''}PLR of ${f1(
      L.plrDb,
    )} dB and a loudness range of ${f1(L.loudnessRangeLu)} LU suit the genre; aim for a PLR around 9 dB if you want more punch.`,
    spectralBalance: `The bass band carries most of the energy and the air band is a little hot; the mids sit well for the vocal.`,
    stereoImage: `Overall correlation is ${result.stereo?.correlation?.toFixed(2) ?? 'n/a'} and the sub correlation is ${
      subCorrelation?.toFixed(2) ?? 'n/a'
    }; the width score of ${result.stereo?.widthScore?.toFixed(0) ?? 'n/a'} is moderate.`,
    strengths: [
      'Solid low end that stays centred.',
      `Tempo of ${f1(result.tempo?.bpm)} BPM drives the arrangement.`,
    ],
    weaknesses: [`True peak ${signed(L.truePeakDbtp!)} dBTP risks encoder clipping.`],
    suggestions: [
      {
        priority: 'high',
        area: 'loudness',
        action: 'Lower the limiter ceiling to -1.0 dBTP.',
        detail: `The true peak is ${signed(L.truePeakDbtp!)} dBTP; keep it below -1 dBTP for lossy codecs.`,
      },
      ...sample.suggestions.filter((suggestion) => suggestion.priority === 'low'),
    ],
    processing: sample.processing,
    referenceComparison: result.comparison
      ? `Against ${result.comparison.referenceName} the mix is close after loudness matching.`
      : null,
  };
}

/** The same report quoting an integrated loudness 3.7 LU off the measurement. */
export function misquotingReport(result: AnalysisResult): Report {
  return groundedReport(result, { integrated: result.loudness.integratedLufs! + 3.7 });
}

/** A report with its stereo section and processing list left out. */
export function reportMissingSections(result: AnalysisResult): Record<string, unknown> {
  const { stereoImage: _stereo, processing: _processing, ...rest } = groundedReport(result);
  return rest;
}

/**
 * The grounded report with advice that stacks two sub boosts (+3.5 and +4 dB at 60 Hz, as a
 * suggestion and an EQ step) and asks to both rein in and widen the image: list items only.
 */
export function selfContradictingReport(result: AnalysisResult): Report {
  const report = groundedReport(result);
  return {
    ...report,
    suggestions: [
      ...report.suggestions,
      {
        priority: 'medium',
        area: 'spectrum',
        action: 'Boost about 3.5 dB with a low shelf at 60 Hz.',
        detail: 'The sub is light for the genre.',
      },
      {
        priority: 'low',
        area: 'stereo',
        action: 'Rein in stereo wideners and very wide reverbs.',
        detail: 'The image is wide for the genre.',
      },
      {
        priority: 'low',
        area: 'reference',
        action: 'Widen the mids and highs with panning and short stereo delays.',
        detail: 'The mix is narrower than the reference.',
      },
    ],
    processing: [
      ...report.processing,
      {
        type: 'eq',
        target: 'mix bus, sub band',
        settings: [
          { parameter: 'frequency', value: 60, unit: 'Hz' },
          { parameter: 'gain', value: 4, unit: 'dB' },
          { parameter: 'Q', value: 0.7, unit: '' },
        ],
      },
    ],
  };
}

/** The grounded report whose spectral paragraph both boosts and cuts the sub: no item to drop. */
export function contradictingParagraphReport(result: AnalysisResult): Report {
  return {
    ...groundedReport(result),
    spectralBalance:
      'Boost the sub by 3 dB with a low shelf at 60 Hz; later, cut the sub by 2 dB to keep the kick clean.',
  };
}

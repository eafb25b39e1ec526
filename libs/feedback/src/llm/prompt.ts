import {
  isUncertainKey,
  isUncertainTempo,
  type AnalysisResult,
  type Finding,
  type PlatformRow,
} from '@mixscope/contracts';
import { roundTo as round } from '@mixscope/present';
import type { SelectedProfile } from '../profiles/select-profile.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface PromptInput {
  result: AnalysisResult;
  selected: SelectedProfile;
  platforms: PlatformRow[];
  findings: Finding[];
}

const SYSTEM_PROMPT = `You are a senior mixing and mastering engineer reviewing a finished mix for a studio team.
You receive the mix's measurements (ITU-R BS.1770 loudness, true peak, dynamics, six-band spectrum, stereo correlation per band), the genre profile it is judged against with the source of each range, the streaming platforms it targets, an optional loudness-matched comparison with a reference track, and the findings of a deterministic rules engine.

Write feedback the engineer can act on today:
- Quote measured figures exactly as given, with their units (LUFS, dBTP, LU, dB, BPM, %). Never invent, round differently or recompute a measurement. If a figure is not given, do not mention one.
- When you state a target (for example a limiter ceiling), say "target" or "to", so it is not mistaken for a measurement.
- Every suggestion names a concrete move; every processing entry gives numeric settings: frequency (Hz), gain (dB) and Q for EQ; ratio (:1), attack and release (ms) and threshold (dB) for compression; ceiling (dBTP) for limiting.
- A tempo or key marked "uncertain": true is a guess. If you mention it, say it is uncertain; base no advice on it (no tempo-synced delay, reverb or compressor times, no key-based EQ or tuning advice).
- When the genre profile is marked unsure, it is the union of the candidates' ranges: say the genre was not clear, and do not judge by any single candidate's range.
- Agree with the rules findings unless the measurements clearly say otherwise; you may add musical judgement on top.
- One recommendation per band and stereo range: never boost and cut the same band, never widen and narrow the same range, and give each band one gain. When a reference is compared, its loudness-matched comparison decides over the genre range, and the report says so.
- Set referenceComparison to null when there is no reference.
Answer with one JSON object that follows the given schema, and nothing else.`;

type Figures = Record<string, number | string | null>;

function r1(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : round(value, 1);
}

function r2(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : round(value, 2);
}

/** Drops nulls so the model is never tempted to fill them in. */
function present(figures: Figures): Figures {
  return Object.fromEntries(Object.entries(figures).filter(([, value]) => value !== null));
}

function measurementDigest(result: AnalysisResult) {
  const { loudness, spectrum, stereo, tempo, key, transients } = result;
  return {
    loudness: present({
      integratedLufs: r1(loudness.integratedLufs),
      truePeakDbtp: r1(loudness.truePeakDbtp),
      samplePeakDbfs: r1(loudness.samplePeakDbfs),
      momentaryMaxLufs: r1(loudness.momentaryMaxLufs),
      shortTermMaxLufs: r1(loudness.shortTermMaxLufs),
      loudnessRangeLu: r1(loudness.loudnessRangeLu),
      plrDb: r1(loudness.plrDb),
      dynamicRangeDr: r1(loudness.dynamicRangeDb),
      crestFactorDb: r1(loudness.crestFactorDb),
      rmsDbfs: r1(loudness.rmsDbfs),
    }),
    spectrum: {
      bandLevelDbOfTotal: Object.fromEntries(spectrum.bands.map((b) => [b.name, r1(b.db)])),
      bandSharePercent: Object.fromEntries(
        spectrum.bands.map((b) => [b.name, b.share === null ? null : r1(b.share * 100)]),
      ),
      bandEdgesHz: Object.fromEntries(spectrum.bands.map((b) => [b.name, [b.lowHz, b.highHz]])),
      ...present({ centroidHz: r1(spectrum.centroidHz), rolloffHz: r1(spectrum.rolloffHz) }),
    },
    stereo:
      stereo === null
        ? 'mono file: no stereo section'
        : {
            ...present({
              correlation: r2(stereo.correlation),
              balanceDb: r1(stereo.balanceDb),
              sideToMidDb: r1(stereo.sideToMidDb),
              widthScore0to100: r1(stereo.widthScore),
              monoFoldDownLossLu: r1(stereo.monoCompatibility.foldDownLossDb),
            }),
            bandCorrelation: Object.fromEntries(
              stereo.bands.map((b) => [b.name, r2(b.correlation)]),
            ),
            outOfPhaseBands: stereo.monoCompatibility.outOfPhaseBands,
          },
    tempo: tempo
      ? {
          ...present({
            bpm: r1(tempo.bpm),
            confidence: r2(tempo.confidence),
            stability: r2(tempo.stability),
          }),
          uncertain: isUncertainTempo(tempo),
        }
      : null,
    key: key?.label
      ? { label: key.label, confidence: r2(key.confidence), uncertain: isUncertainKey(key) }
      : null,
    transients: transients
      ? present({
          onsetsPerSec: r1(transients.onsetDensityPerSec),
          attackSharpness: r2(transients.attackSharpness),
        })
      : null,
    issues: result.issues.map((issue) => ({
      code: issue.code,
      severity: issue.severity,
      message: issue.message,
    })),
  };
}

function profileDigest({ profile, choice }: SelectedProfile) {
  const range = (r: { min: number; max: number; source?: string }) => ({
    min: r.min,
    max: r.max,
    ...(r.source ? { source: r.source } : {}),
  });
  return {
    name: profile.name,
    howChosen: choice.reason,
    unsure: choice.sure === false,
    description: profile.description,
    integratedLufs: range(profile.integratedLufs),
    plrDb: range(profile.plrDb),
    dynamicRangeDr: range(profile.dynamicRangeDb),
    loudnessRangeLu: range(profile.loudnessRangeLu),
    bandLevelDbOfTotal: { ranges: profile.bandsDb.bands, source: profile.bandsDb.source },
    widthScore: range(profile.widthScore),
    lowEndCorrelationMin: profile.lowEndCorrelationMin,
  };
}

function platformDigest(rows: PlatformRow[]) {
  return rows.map((row) =>
    present({
      platform: row.name,
      targetLufs: row.targetLufs,
      gainAppliedDb: r1(row.gainDb),
      truePeakLimitDbtp: row.truePeakLimitDbtp,
      resultingTruePeakDbtp: r1(row.resultingTruePeakDbtp),
      note: row.note,
    }),
  );
}

function referenceDigest(result: AnalysisResult) {
  const comparison = result.comparison;
  if (!comparison) return null;
  return {
    referenceName: comparison.referenceName,
    loudnessMatchGainDb: r1(comparison.loudnessMatchGainDb),
    bandDeltaDbAfterLoudnessMatch: Object.fromEntries(
      comparison.bands.map((b) => [b.name, r1(b.deltaDb)]),
    ),
    metrics: comparison.deltas
      .filter((d) => d.delta !== null)
      .map((d) => ({
        metric: d.metric,
        mix: r2(d.mix),
        reference: r2(d.reference),
        delta: r2(d.delta),
        unit: d.unit,
      })),
  };
}

/** System and user messages for the report request; the measurements travel as JSON. */
export function buildPrompt({ result, selected, platforms, findings }: PromptInput): ChatMessage[] {
  const payload = {
    file: {
      name: result.file.name,
      durationSec: r1(result.file.durationSec),
      sampleRate: result.file.sampleRate,
      channels: result.file.channels,
    },
    measurements: measurementDigest(result),
    genreProfile: profileDigest(selected),
    platforms: platformDigest(platforms),
    reference: referenceDigest(result),
    rulesFindings: findings
      .filter((f) => f.area !== 'genre')
      .map((f) => ({
        severity: f.severity,
        area: f.area,
        finding: f.message,
        targetSource: f.target?.source ?? null,
      })),
  };
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    {
      role: 'user',
      content: `Review this mix and write the report.\n\n${JSON.stringify(payload, null, 1)}`,
    },
  ];
}

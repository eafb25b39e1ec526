import { round } from '../math/level.ts';
import type {
  AnalysisResult,
  BandComparison,
  BandName,
  ComparisonResult,
  MetricDelta,
  Reasons,
  Section,
} from '@mixscope/contracts';
import { BAND_NAMES, COMPARED_METRICS, type Reading } from '@mixscope/contracts';

/** Enough decimals that a delta never hides a difference the inputs show. */
const DECIMALS = 4;

/**
 * Compares a mix with a reference: mix minus reference for each figure in COMPARED_METRICS, and
 * per band the level difference after turning the reference to the mix's integrated loudness.
 * A figure missing on either side gives a null delta, with both sides' reasons in `reasons`.
 */
export function compareResults(mix: AnalysisResult, reference: AnalysisResult): ComparisonResult {
  const reasons: Reasons = {};

  const deltas: MetricDelta[] = COMPARED_METRICS.map(({ metric, unit, read }) => {
    const ours = read(mix);
    const theirs = read(reference);
    const delta =
      ours.value !== null && theirs.value !== null ? tidy(ours.value - theirs.value) : null;
    if (delta === null) reasons[metric] = explainMissing(ours, theirs);
    return { metric, mix: ours.value, reference: theirs.value, delta, unit };
  });

  const mixLoudness = mix.loudness.integratedLufs;
  const referenceLoudness = reference.loudness.integratedLufs;
  const gain =
    mixLoudness !== null && referenceLoudness !== null ? mixLoudness - referenceLoudness : null;
  if (gain === null) {
    reasons.loudnessMatchGainDb = explainMissing(
      { value: mixLoudness, reason: mix.loudness.reasons.integratedLufs ?? 'not measured' },
      {
        value: referenceLoudness,
        reason: reference.loudness.reasons.integratedLufs ?? 'not measured',
      },
    );
  }

  const bands: BandComparison[] = BAND_NAMES.map((name) => {
    const mixDb = bandLevel(mix, name);
    const rawReferenceDb = bandLevel(reference, name);
    const referenceDb =
      rawReferenceDb.value !== null && gain !== null ? rawReferenceDb.value + gain : null;
    const deltaDb =
      mixDb.value !== null && referenceDb !== null ? tidy(mixDb.value - referenceDb) : null;
    if (deltaDb === null) {
      const referenceSide: Reading =
        rawReferenceDb.value === null
          ? rawReferenceDb
          : { value: null, reason: `cannot loudness-match: ${reasons.loudnessMatchGainDb}` };
      reasons[`bands.${name}`] = explainMissing(mixDb, referenceSide);
    }
    return {
      name,
      mixDb: mixDb.value,
      referenceDb: referenceDb === null ? null : tidy(referenceDb),
      deltaDb,
    };
  });

  const chorus = compareChoruses(mix, reference, reasons);
  return {
    referenceName: reference.file.name,
    loudnessMatchGainDb: gain === null ? null : tidy(gain),
    deltas,
    bands,
    ...(chorus === undefined ? {} : { chorus }),
    reasons,
  };
}

/** The chorus-like section figures compared: mix minus reference. */
const CHORUS_FIGURES: { metric: string; unit: string; read: (s: Section) => number | null }[] = [
  { metric: 'integratedLufs', unit: 'LUFS', read: (s) => s.loudness.integratedLufs },
  { metric: 'shortTermMaxLufs', unit: 'LUFS', read: (s) => s.loudness.shortTermMaxLufs },
  { metric: 'loudnessRangeLu', unit: 'LU', read: (s) => s.loudness.loudnessRangeLu },
  { metric: 'widthScore', unit: '', read: (s) => s.stereo?.widthScore ?? null },
];

/**
 * Like with like: the first chorus-like section of each. Undefined when neither document has
 * sections (older results), null with a reason when one side has no chorus-like section.
 */
function compareChoruses(
  mix: AnalysisResult,
  reference: AnalysisResult,
  reasons: Reasons,
): ComparisonResult['chorus'] {
  if (mix.sections === undefined && reference.sections === undefined) return undefined;
  const mixIndex = mix.sections?.findIndex((s) => s.chorusLike) ?? -1;
  const referenceIndex = reference.sections?.findIndex((s) => s.chorusLike) ?? -1;
  if (mixIndex < 0 || referenceIndex < 0) {
    const side = (doc: AnalysisResult, index: number) =>
      doc.sections == null
        ? `no sections (${doc.reasons.sections ?? 'not measured'})`
        : index < 0
          ? 'no section repeats'
          : null;
    const missing = [
      side(mix, mixIndex) && `mix: ${side(mix, mixIndex)}`,
      side(reference, referenceIndex) && `reference: ${side(reference, referenceIndex)}`,
    ].filter(Boolean);
    reasons.chorus = `no chorus-like section to compare; ${missing.join('; ')}`;
    return null;
  }
  const ours = mix.sections![mixIndex];
  const theirs = reference.sections![referenceIndex];
  const deltas = CHORUS_FIGURES.map(({ metric, unit, read }): MetricDelta => {
    const a = read(ours);
    const b = read(theirs);
    const delta = a !== null && b !== null ? tidy(a - b) : null;
    if (delta === null) {
      reasons[`chorus.deltas.${metric}`] = explainMissing(
        { value: a, reason: ours.reasons[metric] ?? ours.reasons.stereo ?? 'not measured' },
        { value: b, reason: theirs.reasons[metric] ?? theirs.reasons.stereo ?? 'not measured' },
      );
    }
    return { metric, mix: a, reference: b, delta, unit };
  });
  return { mixIndex, referenceIndex, deltas };
}

/** Rounds away float noise (0.30000000000000004); never -0; null for a non-finite input. */
function tidy(value: number): number | null {
  const rounded = round(value, DECIMALS);
  return rounded === 0 ? 0 : rounded;
}

function bandLevel(result: AnalysisResult, name: BandName): Reading {
  const band = result.spectrum.bands.find((b) => b.name === name);
  if (band?.levelDbfs != null) return { value: band.levelDbfs, reason: null };
  const reasons = result.spectrum.reasons;
  const reason =
    reasons[`bands.${name}.levelDbfs`] ??
    reasons[`bands.${name}`] ??
    reasons[name] ??
    reasons.bands;
  return {
    value: null,
    reason: reason ?? (band ? 'band level not measured' : `no ${name} band in the spectrum`),
  };
}

function explainMissing(mix: Reading, reference: Reading): string {
  const parts: string[] = [];
  if (mix.value === null) parts.push(`mix: ${mix.reason ?? 'not measured'}`);
  if (reference.value === null) parts.push(`reference: ${reference.reason ?? 'not measured'}`);
  return parts.length > 0 ? parts.join('; ') : 'not a finite number';
}

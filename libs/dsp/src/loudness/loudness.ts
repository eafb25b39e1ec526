import type { LoudnessCurves, Reasons } from '@mixscope/contracts';
import type { AudioData } from '../audio-data.ts';
import { channelWeights } from './channel-weights.ts';
import { GRAINS_PER_SECOND, kWeightedPower, type KWeightedPower } from './k-weighted-power.ts';

export interface LoudnessMeasurement {
  integratedLufs: number | null;
  /** Largest 400 ms window anywhere (1 ms steps), not only on the 100 ms grid. */
  momentaryMaxLufs: number | null;
  /** Largest 3 s window anywhere (1 ms steps). */
  shortTermMaxLufs: number | null;
  loudnessRangeLu: number | null;
  curves: LoudnessCurves;
  /** Integrated loudness of the dual-mono fold-down of a stereo file; null otherwise. */
  monoFoldDownLufs: number | null;
  /** Why a figure above is null, keyed by its field name. */
  reasons: Reasons;
  /** The K-weighted grain powers the figures came from, for measuring parts of the file. */
  power: KWeightedPower;
}

/** The gated figures of a stretch of the file, from the whole file's K-weighted power. */
export type StretchLoudness = Pick<
  LoudnessMeasurement,
  'integratedLufs' | 'shortTermMaxLufs' | 'loudnessRangeLu' | 'reasons'
>;

/** The gated figures of a measurement, the ones that are null (with a reason) for silence. */
export const GATED_LOUDNESS_FIGURES = [
  'integratedLufs',
  'momentaryMaxLufs',
  'shortTermMaxLufs',
  'loudnessRangeLu',
] as const satisfies readonly (keyof LoudnessMeasurement)[];

const HOP_SEC = 0.1;
const MOMENTARY_SEC = 0.4;
const SHORT_TERM_SEC = 3;
const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = -10;
const LRA_RELATIVE_GATE_LU = -20;
const LRA_LOW_PERCENTILE = 0.1;
const LRA_HIGH_PERCENTILE = 0.95;

const HOP = Math.round(HOP_SEC * GRAINS_PER_SECOND);
const MOMENTARY = Math.round(MOMENTARY_SEC * GRAINS_PER_SECOND);
const SHORT_TERM = Math.round(SHORT_TERM_SEC * GRAINS_PER_SECOND);
const ABSOLUTE_GATE_POWER = lufsToPower(ABSOLUTE_GATE_LUFS);

/** ITU-R BS.1770 / EBU R128 loudness: integrated (gated), momentary and short-term maxima, LRA, curves. */
export function measureLoudness(audio: AudioData): LoudnessMeasurement {
  const reasons: Reasons = {};
  const weights = channelWeights(audio.channels.length, audio.channelLabels);
  const power = kWeightedPower(audio, weights);
  const windows = new WindowPower(power.weighted, power.edges);

  const blocks = windows.onGrid(MOMENTARY, HOP);
  const shortTerms = windows.onGrid(SHORT_TERM, HOP);
  const curves: LoudnessCurves = {
    hopSec: HOP_SEC,
    momentaryStartSec: MOMENTARY_SEC,
    shortTermStartSec: SHORT_TERM_SEC,
    momentary: Array.from(blocks, gatedLufs),
    shortTerm: Array.from(shortTerms, gatedLufs),
  };

  const noWeight = weights.every((w) => w === 0);
  const whyMissing = (windowCount: number, sec: number) => {
    if (windowCount === 0) return `shorter than ${sec} s: no complete ${sec * 1000} ms window`;
    if (noWeight) return 'no channel counts toward loudness (only LFE channels)';
    return `silent: no window is above the ${ABSOLUTE_GATE_LUFS} LUFS gate`;
  };

  const integratedLufs = gatedIntegrated(blocks);
  if (integratedLufs === null) {
    reasons.integratedLufs = whyMissing(blocks.length, MOMENTARY_SEC);
  }
  const momentaryMaxLufs = gatedLufs(windows.maximum(MOMENTARY));
  if (momentaryMaxLufs === null) {
    reasons.momentaryMaxLufs = whyMissing(blocks.length, MOMENTARY_SEC);
  }
  const shortTermMaxLufs = gatedLufs(windows.maximum(SHORT_TERM));
  if (shortTermMaxLufs === null) {
    reasons.shortTermMaxLufs = whyMissing(shortTerms.length, SHORT_TERM_SEC);
  }
  const loudnessRangeLu = loudnessRange(shortTerms);
  if (loudnessRangeLu === null) {
    reasons.loudnessRangeLu = whyMissing(shortTerms.length, SHORT_TERM_SEC);
  }

  let monoFoldDownLufs: number | null = null;
  if (power.foldDown) {
    const foldDownBlocks = new WindowPower(power.foldDown, power.edges).onGrid(MOMENTARY, HOP);
    monoFoldDownLufs = gatedIntegrated(foldDownBlocks);
    if (monoFoldDownLufs === null) {
      reasons.monoFoldDownLufs =
        blocks.length === 0 ? whyMissing(0, MOMENTARY_SEC) : 'the fold-down is silent';
    }
  } else {
    reasons.monoFoldDownLufs = 'not a two-channel file';
  }

  return {
    integratedLufs,
    momentaryMaxLufs,
    shortTermMaxLufs,
    loudnessRangeLu,
    curves,
    monoFoldDownLufs,
    reasons,
    power,
  };
}

/**
 * Integrated loudness, short-term maximum and LRA of samples [fromSample, toSample), gated as
 * for the whole file, from the grains inside that stretch: no second pass of the K-filter.
 */
export function measureStretchLoudness(
  power: KWeightedPower,
  fromSample: number,
  toSample: number,
): StretchLoudness {
  const reasons: Reasons = {};
  const { edges } = power;
  let from = 0;
  while (from < power.grainCount && edges[from] < fromSample) from++;
  let to = from;
  while (to < power.grainCount && edges[to + 1] <= toSample) to++;
  const windows = new WindowPower(power.weighted.subarray(from, to), edges.subarray(from, to + 1));
  const blocks = windows.onGrid(MOMENTARY, HOP);
  const shortTerms = windows.onGrid(SHORT_TERM, HOP);
  const whyMissing = (windowCount: number, sec: number) =>
    windowCount === 0
      ? `shorter than ${sec} s: no complete ${sec * 1000} ms window`
      : `silent: no window is above the ${ABSOLUTE_GATE_LUFS} LUFS gate`;
  const integratedLufs = gatedIntegrated(blocks);
  if (integratedLufs === null) reasons.integratedLufs = whyMissing(blocks.length, MOMENTARY_SEC);
  const shortTermMaxLufs = gatedLufs(windows.maximum(SHORT_TERM));
  if (shortTermMaxLufs === null) {
    reasons.shortTermMaxLufs = whyMissing(shortTerms.length, SHORT_TERM_SEC);
  }
  const loudnessRangeLu = loudnessRange(shortTerms);
  if (loudnessRangeLu === null) {
    reasons.loudnessRangeLu = whyMissing(shortTerms.length, SHORT_TERM_SEC);
  }
  return { integratedLufs, shortTermMaxLufs, loudnessRangeLu, reasons };
}

/** Mean power of windows made of whole grains, through prefix sums. */
class WindowPower {
  private readonly prefix: Float64Array;

  constructor(
    grainPower: Float64Array,
    private readonly edges: Float64Array,
  ) {
    this.prefix = new Float64Array(grainPower.length + 1);
    for (let g = 0; g < grainPower.length; g++) this.prefix[g + 1] = this.prefix[g] + grainPower[g];
  }

  get grainCount(): number {
    return this.prefix.length - 1;
  }

  /** Mean power of grains [start, start + length); 0 where rounding leaves a tiny negative. */
  mean(start: number, length: number): number {
    const end = start + length;
    const sum = this.prefix[end] - this.prefix[start];
    const samples = this.edges[end] - this.edges[start];
    return sum > 0 && samples > 0 ? sum / samples : 0;
  }

  /** Windows starting every `hop` grains; the incomplete last window is dropped. */
  onGrid(length: number, hop: number): Float64Array {
    const count = this.grainCount >= length ? Math.floor((this.grainCount - length) / hop) + 1 : 0;
    const out = new Float64Array(count);
    for (let j = 0; j < count; j++) out[j] = this.mean(j * hop, length);
    return out;
  }

  /** Largest mean power over windows at every grain offset; 0 when none fits. */
  maximum(length: number): number {
    let best = 0;
    for (let start = 0; start + length <= this.grainCount; start++) {
      const p = this.mean(start, length);
      if (p > best) best = p;
    }
    return best;
  }
}

/** Two-stage gating of BS.1770-4 over 400 ms block powers. */
function gatedIntegrated(blocks: Float64Array): number | null {
  const absoluteMean = meanAbove(blocks, ABSOLUTE_GATE_POWER);
  if (absoluteMean === null) return null;
  const relativeGate = Math.max(ABSOLUTE_GATE_POWER, absoluteMean * 10 ** (RELATIVE_GATE_LU / 10));
  const gatedMean = meanAbove(blocks, relativeGate);
  return gatedMean === null ? null : powerToLufs(gatedMean);
}

/** EBU Tech 3342: spread between the 10th and 95th percentiles of gated short-term loudness. */
function loudnessRange(shortTerms: Float64Array): number | null {
  const absoluteMean = meanAbove(shortTerms, ABSOLUTE_GATE_POWER);
  if (absoluteMean === null) return null;
  const gate = Math.max(ABSOLUTE_GATE_POWER, absoluteMean * 10 ** (LRA_RELATIVE_GATE_LU / 10));
  const kept = shortTerms.filter((p) => p > gate).sort();
  if (kept.length === 0) return null;
  const at = (q: number) => powerToLufs(kept[Math.round((kept.length - 1) * q)]);
  return at(LRA_HIGH_PERCENTILE) - at(LRA_LOW_PERCENTILE);
}

function meanAbove(powers: Float64Array, gate: number): number | null {
  let sum = 0;
  let count = 0;
  for (const p of powers) {
    if (p > gate) {
      sum += p;
      count++;
    }
  }
  return count > 0 ? sum / count : null;
}

/** Loudness of a window, or null at or below the absolute gate (silence included). */
function gatedLufs(power: number): number | null {
  return power > ABSOLUTE_GATE_POWER ? powerToLufs(power) : null;
}

function powerToLufs(power: number): number {
  return -0.691 + 10 * Math.log10(power);
}

function lufsToPower(lufs: number): number {
  return 10 ** ((lufs + 0.691) / 10);
}

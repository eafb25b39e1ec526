import { round } from '../math/level.ts';
import type { LoudnessResult, Reasons } from '@mixscope/contracts';
import type { AudioData } from '../audio-data.ts';
import { measureDynamics } from './dynamics.ts';
import { GATED_LOUDNESS_FIGURES, measureLoudness } from './loudness.ts';
import type { KWeightedPower } from './k-weighted-power.ts';
import { measureTruePeak, type TruePeakOptions, type TruePeakOvers } from './true-peak.ts';

/**
 * The loudness section without its platform table, which is the caller's (`platformTable`, from
 * the integrated loudness and true peak): it reads the platforms' table, which the measurement
 * does not need.
 */
export type MeasuredLoudness = Omit<LoudnessResult, 'platforms'>;

export interface LoudnessAnalysis {
  loudness: MeasuredLoudness;
  /** Integrated loudness of the dual-mono fold-down (stereo files only), 0.01 LU. */
  monoFoldDownLufs: number | null;
  truePeakOvers: TruePeakOvers;
  /** The K-weighted grain powers, for the sections' loudness (never sent from the thread). */
  power: KWeightedPower;
}

/** Figures to 0.01 dB; curve points to 0.1 LU (they are for charts). */
const DECIMALS = 2;
const CURVE_DECIMALS = 1;

/** The loudness and dynamics section of an analysis, but for the platform table. */
export function analyzeLoudness(audio: AudioData, options: TruePeakOptions = {}): LoudnessAnalysis {
  const loudness = measureLoudness(audio);
  const truePeak = measureTruePeak(audio, options);
  const dynamics = measureDynamics(audio);

  const reasons: Reasons = { ...dynamics.reasons };
  for (const key of GATED_LOUDNESS_FIGURES) {
    if (loudness.reasons[key]) reasons[key] = loudness.reasons[key];
  }

  const integratedLufs = round(loudness.integratedLufs, DECIMALS);
  const truePeakDbtp = round(truePeak.maxDbtp, DECIMALS);
  if (truePeakDbtp === null) reasons.truePeakDbtp = 'digital silence';
  const plrDb =
    loudness.integratedLufs !== null && truePeak.maxDbtp !== null
      ? round(truePeak.maxDbtp - loudness.integratedLufs, DECIMALS)
      : null;
  if (plrDb === null) {
    reasons.plrDb = truePeakDbtp === null ? 'no true peak' : 'no integrated loudness';
  }

  const truePeakPerChannelDbtp = truePeak.perChannelDbtp.map((v) => round(v, DECIMALS));
  const samplePeakPerChannelDbfs = dynamics.samplePeakPerChannelDbfs.map((v) => round(v, DECIMALS));
  if (truePeakPerChannelDbtp.includes(null)) {
    reasons.truePeakPerChannelDbtp = 'a null channel is digital silence';
  }
  if (samplePeakPerChannelDbfs.includes(null)) {
    reasons.samplePeakPerChannelDbfs = 'a null channel is digital silence';
  }

  const roundCurve = (values: (number | null)[]) => values.map((v) => round(v, CURVE_DECIMALS));
  const result: MeasuredLoudness = {
    integratedLufs,
    momentaryMaxLufs: round(loudness.momentaryMaxLufs, DECIMALS),
    shortTermMaxLufs: round(loudness.shortTermMaxLufs, DECIMALS),
    loudnessRangeLu: round(loudness.loudnessRangeLu, DECIMALS),
    truePeakDbtp,
    truePeakPerChannelDbtp,
    samplePeakDbfs: round(dynamics.samplePeakDbfs, DECIMALS),
    samplePeakPerChannelDbfs,
    rmsDbfs: round(dynamics.rmsDbfs, DECIMALS),
    crestFactorDb: round(dynamics.crestFactorDb, DECIMALS),
    plrDb,
    dynamicRangeDb: round(dynamics.dynamicRangeDb, DECIMALS),
    curves: {
      ...loudness.curves,
      momentary: roundCurve(loudness.curves.momentary),
      shortTerm: roundCurve(loudness.curves.shortTerm),
    },
    reasons,
  };
  return {
    loudness: result,
    monoFoldDownLufs: round(loudness.monoFoldDownLufs, DECIMALS),
    truePeakOvers: {
      count: truePeak.overs.count,
      times: truePeak.overs.times.map((t) => Math.round(t * 1e4) / 1e4),
    },
    power: loudness.power,
  };
}

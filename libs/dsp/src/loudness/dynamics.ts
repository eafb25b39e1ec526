import { amplitudeToDb, powerToDb } from '../math/level.ts';
import type { Reasons } from '@mixscope/contracts';
import type { AudioData } from '../audio-data.ts';

export interface DynamicsMeasurement {
  samplePeakPerChannelDbfs: (number | null)[];
  samplePeakDbfs: number | null;
  /** RMS over all samples of all channels; a full-scale sine reads -3.01 dBFS. */
  rmsDbfs: number | null;
  /** Sample peak dB minus RMS dB. */
  crestFactorDb: number | null;
  /** TT DR meter value (unrounded). */
  dynamicRangeDb: number | null;
  reasons: Reasons;
}

const DR_BLOCK_SEC = 3;
const DR_LOUDEST_SHARE = 0.2;

/**
 * Sample peak, RMS, crest factor and the TT Dynamic Range ("DR") figure, in one pass per channel.
 *
 * DR per channel: 3 s blocks, block RMS = √(2·Σx²/n) (a sine reads its peak), DR = 20·log10 of the
 * second-highest block peak over the RMS of the loudest 20 % of blocks (at least one); the mean over
 * channels that are not silent. Only whole 3 s blocks count, so a file shorter than 3 s has no DR.
 */
export function measureDynamics(audio: AudioData): DynamicsMeasurement {
  const reasons: Reasons = {};
  const blockLength = Math.round(DR_BLOCK_SEC * audio.sampleRate);
  const peaks: number[] = [];
  const channelDr: number[] = [];
  let sumSquares = 0;
  let sampleCount = 0;

  for (const channel of audio.channels) {
    const blocks = blockLevels(channel, blockLength);
    peaks.push(blocks.peak);
    sumSquares += blocks.sumSquares;
    sampleCount += channel.length;
    const dr = channelDynamicRange(blocks.fullBlockPeaks, blocks.fullBlockRms);
    if (dr !== null) channelDr.push(dr);
  }

  const samplePeakPerChannelDbfs = peaks.map(amplitudeToDb);
  const samplePeakDbfs = amplitudeToDb(Math.max(0, ...peaks));
  const rmsDbfs = sampleCount > 0 ? powerToDb(sumSquares / sampleCount) : null;
  const crestFactorDb =
    samplePeakDbfs !== null && rmsDbfs !== null ? samplePeakDbfs - rmsDbfs : null;
  const dynamicRangeDb =
    channelDr.length > 0 ? channelDr.reduce((a, b) => a + b, 0) / channelDr.length : null;

  const silent = sampleCount === 0 ? 'no samples' : 'digital silence';
  if (samplePeakDbfs === null) reasons.samplePeakDbfs = silent;
  if (rmsDbfs === null) reasons.rmsDbfs = silent;
  if (crestFactorDb === null) reasons.crestFactorDb = silent;
  if (dynamicRangeDb === null) {
    const length = audio.channels[0]?.length ?? 0;
    reasons.dynamicRangeDb =
      length < blockLength
        ? `shorter than ${DR_BLOCK_SEC} s: DR needs at least one whole ${DR_BLOCK_SEC} s block`
        : silent;
  }
  return {
    samplePeakPerChannelDbfs,
    samplePeakDbfs,
    rmsDbfs,
    crestFactorDb,
    dynamicRangeDb,
    reasons,
  };
}

/** The TT DR figure alone (unrounded); null when silent or shorter than 3 s. */
export function measureDynamicRange(audio: AudioData): number | null {
  const blockLength = Math.round(DR_BLOCK_SEC * audio.sampleRate);
  const values: number[] = [];
  for (const channel of audio.channels) {
    const blocks = blockLevels(channel, blockLength);
    const dr = channelDynamicRange(blocks.fullBlockPeaks, blocks.fullBlockRms);
    if (dr !== null) values.push(dr);
  }
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

interface BlockLevels {
  peak: number;
  sumSquares: number;
  fullBlockPeaks: number[];
  fullBlockRms: number[];
}

function blockLevels(x: Float32Array, blockLength: number): BlockLevels {
  const fullBlockPeaks: number[] = [];
  const fullBlockRms: number[] = [];
  const levels = new Float64Array(2);
  let peak = 0;
  let sumSquares = 0;
  for (let start = 0; start < x.length; start += blockLength) {
    const end = Math.min(start + blockLength, x.length);
    spanLevels(x, start, end, levels);
    const [blockSum, blockPeak] = levels;
    if (blockPeak > peak) peak = blockPeak;
    sumSquares += blockSum;
    if (end - start === blockLength) {
      fullBlockPeaks.push(blockPeak);
      fullBlockRms.push(Math.sqrt((2 * blockSum) / blockLength));
    }
  }
  return { peak, sumSquares, fullBlockPeaks, fullBlockRms };
}

/** Σx² and max|x| of x[start..end) into out[0], out[1]; one call per block keeps V8 off on-stack replacement. */
function spanLevels(x: Float32Array, start: number, end: number, out: Float64Array): void {
  let sum = 0;
  let peak = 0;
  for (let i = start; i < end; i++) {
    const v = x[i];
    sum += v * v;
    const a = Math.abs(v);
    if (a > peak) peak = a;
  }
  out[0] = sum;
  out[1] = peak;
}

function channelDynamicRange(blockPeaks: number[], blockRms: number[]): number | null {
  if (blockRms.length === 0) return null;
  const rmsDescending = [...blockRms].sort((a, b) => b - a);
  const loudest = Math.max(1, Math.round(blockRms.length * DR_LOUDEST_SHARE));
  let sum = 0;
  for (let i = 0; i < loudest; i++) sum += rmsDescending[i] ** 2;
  const loudRms = Math.sqrt(sum / loudest);
  const peaksDescending = [...blockPeaks].sort((a, b) => b - a);
  const secondPeak = peaksDescending[Math.min(1, peaksDescending.length - 1)];
  if (!(loudRms > 0) || !(secondPeak > 0)) return null;
  return 20 * Math.log10(secondPeak / loudRms);
}

import type { AudioData } from '../audio-data.ts';
import { oversamplingFactor, oversamplingFilter } from './oversampling-filter.ts';
import { measureTruePeak } from './true-peak.ts';

/**
 * The stretches of a track the codec preview encodes. A codec's true peak and overs arise at the
 * loudest, peakiest passages, so encoding those (each with some of its surroundings, so the
 * encoder has settled) gives the figures of a full encode at a fraction of its cost
 * (docs/measurement.md#codec-preview gives the error against full encodes).
 */
export const CODEC_WINDOW = {
  /** Length of the envelope's blocks. */
  blockSec: 0.1,
  /** The measured part of a window on a peak (the peak's block in its middle)... */
  peakCoreSec: 1,
  /** ...and of a window on a loud stretch. */
  loudCoreSec: 2,
  /** Audio encoded before and after each core and not measured: the encoder's run-in. */
  marginSec: 0.15,
  /** Windows centred on the blocks of highest true peak... */
  peakWindows: 3,
  /** ...and on the stretches of highest mean square. */
  loudWindows: 2,
  /** Blocks whose true peak is computed exactly, the highest by the interpolation bound. */
  peakCandidates: 48,
  /** Windows covering this share of the track or more: encode the whole track instead. */
  wholeTrackShare: 0.7,
} as const;

/** Frames of the source: the encoded segment [start, end) and its measured core. */
export interface CodecWindow {
  start: number;
  end: number;
  coreStart: number;
  coreEnd: number;
}

/**
 * The windows to encode, in time order and apart: one window spanning the track when the windows
 * would cover most of it (or the track is shorter than a window).
 */
export function selectCodecWindows(audio: AudioData): CodecWindow[] {
  const length = audio.channels[0]?.length ?? 0;
  const rate = audio.sampleRate;
  const whole = [{ start: 0, end: length, coreStart: 0, coreEnd: length }];
  const block = Math.max(1, Math.round(CODEC_WINDOW.blockSec * rate));
  const peakCore = Math.round(CODEC_WINDOW.peakCoreSec * rate);
  const loudCore = Math.round(CODEC_WINDOW.loudCoreSec * rate);
  const margin = Math.round(CODEC_WINDOW.marginSec * rate);
  const blocks = Math.floor(length / block);
  const encoded =
    CODEC_WINDOW.peakWindows * (peakCore + 2 * margin) +
    CODEC_WINDOW.loudWindows * (loudCore + 2 * margin);
  if (encoded >= CODEC_WINDOW.wholeTrackShare * length) return whole;

  const { bound, power } = blockEnvelope(audio, block, blocks);
  const truePeak = exactPeaks(audio, block, bound);
  const loudness = slidingMean(power, Math.max(1, Math.round(loudCore / block)));

  const cores: [number, number][] = [];
  const pick = (score: Float64Array, count: number, core: number) => {
    const order = Array.from(score.keys()).sort((a, b) => score[b] - score[a]);
    let picked = 0;
    for (const b of order) {
      if (picked === count || !(score[b] > 0)) break;
      const centre = b * block + block / 2;
      const start = Math.max(0, Math.min(length - core, Math.round(centre - core / 2)));
      const end = start + core;
      if (cores.some(([s, e]) => start < e && s < end)) continue;
      cores.push([start, end]);
      picked++;
    }
  };
  pick(truePeak, CODEC_WINDOW.peakWindows, peakCore);
  pick(loudness, CODEC_WINDOW.loudWindows, loudCore);
  if (cores.length === 0) return whole;
  return mergeWindows(cores, margin, length);
}

/** Cores with their margins, sorted; windows whose margins meet become one. */
function mergeWindows(cores: [number, number][], margin: number, length: number): CodecWindow[] {
  const sorted = [...cores].sort((a, b) => a[0] - b[0]);
  const windows: CodecWindow[] = [];
  for (const [coreStart, coreEnd] of sorted) {
    const start = Math.max(0, coreStart - margin);
    const end = Math.min(length, coreEnd + margin);
    const last = windows.at(-1);
    if (last && start <= last.end) {
      last.end = Math.max(last.end, end);
      last.coreEnd = Math.max(last.coreEnd, coreEnd);
    } else {
      windows.push({ start, end, coreStart, coreEnd });
    }
  }
  return windows;
}

/**
 * Per block, over the channels: an upper bound of its true peak (the sample peak plus the
 * interpolation filter's second-difference term, as in measureTruePeak) and its mean square.
 */
function blockEnvelope(
  audio: AudioData,
  block: number,
  blocks: number,
): { bound: Float64Array; power: Float64Array } {
  const { secondDifferenceBound } = oversamplingFilter(oversamplingFactor(audio.sampleRate));
  const bound = new Float64Array(blocks);
  const power = new Float64Array(blocks);
  const stats = new Float64Array(3);
  for (const x of audio.channels) {
    for (let b = 0; b < blocks; b++) {
      // One call per block: a single long loop would run in V8's slower on-stack-replaced code.
      blockStatistics(x, Math.max(1, b * block), Math.min(x.length - 1, (b + 1) * block), stats);
      bound[b] = Math.max(bound[b], stats[0] + secondDifferenceBound * stats[1]);
      power[b] += stats[2] / block;
    }
  }
  return { bound, power };
}

/** Over x[from, to): the largest |x|, the largest |second difference| and the sum of squares. */
function blockStatistics(x: Float32Array, from: number, to: number, out: Float64Array): void {
  let peak = 0;
  let d2 = 0;
  let sum = 0;
  let before = x[from - 1];
  let here = x[from];
  for (let i = from; i < to; i++) {
    const after = x[i + 1];
    const a = Math.abs(here);
    if (a > peak) peak = a;
    sum += here * here;
    const d = Math.abs(before - 2 * here + after);
    if (d > d2) d2 = d;
    before = here;
    here = after;
  }
  out[0] = peak;
  out[1] = d2;
  out[2] = sum;
}

/** The exact true peak of the blocks with the highest bounds; zero for the others. */
function exactPeaks(audio: AudioData, block: number, bound: Float64Array): Float64Array {
  const peaks = new Float64Array(bound.length);
  const order = Array.from(bound.keys()).sort((a, b) => bound[b] - bound[a]);
  // The interpolation filter reads this many samples either side (its taps are far fewer).
  const context = 64;
  for (const b of order.slice(0, CODEC_WINDOW.peakCandidates)) {
    const from = Math.max(0, b * block - context);
    const to = Math.min(audio.channels[0].length, (b + 1) * block + context);
    const view = { ...audio, channels: audio.channels.map((x) => x.subarray(from, to)) };
    const { maxDbtp } = measureTruePeak(view);
    peaks[b] = maxDbtp === null ? 0 : 10 ** (maxDbtp / 20);
  }
  return peaks;
}

function slidingMean(values: Float64Array, width: number): Float64Array {
  const out = new Float64Array(values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (i >= width) sum -= values[i - width];
    // Scored at the centre of the stretch that ends here.
    if (i >= width - 1) out[i - Math.floor(width / 2)] = sum / width;
  }
  return out;
}

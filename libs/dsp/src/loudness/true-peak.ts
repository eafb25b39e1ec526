import { amplitudeToDb } from '../math/level.ts';
import type { AudioData } from '../audio-data.ts';
import {
  oversamplingFactor,
  oversamplingFilter,
  type OversamplingFilter,
} from './oversampling-filter.ts';

export interface TruePeakOptions {
  /** Interpolated values above this level count as overs. Default 0 dBTP. */
  overThresholdDbtp?: number;
}

/**
 * Over events, per channel, summed over channels. An event starts at an oversampled value above
 * the threshold that comes at least 1 ms after the start of the channel's previous event, so a
 * sustained over counts once per millisecond and a lone inter-sample over counts once.
 */
export interface TruePeakOvers {
  count: number;
  /** Start times (s) of the first 100 events, in time order. */
  times: number[];
}

export interface TruePeakResult {
  /** null for a channel that is digital silence. */
  perChannelDbtp: (number | null)[];
  maxDbtp: number | null;
  overs: TruePeakOvers;
}

const MAX_OVER_TIMES = 100;
const OVER_EVENT_SEC = 0.001;
/** An over must clear the threshold by more than rounding in the filter sums. */
const OVER_SLACK = 1 + 1e-9;
/** Pairs of samples checked against one bound; must be at least tapsPerPhase/2 + 2. */
const BLOCK = 64;
const SPAN_BLOCKS = 1024;
/** Covers rounding in the filter sums, so a skip never hides a larger value. */
const BOUND_SLACK = 1 + 1e-9;

/**
 * BS.1770 Annex 2 true peak: the maximum of the oversampled, low-pass interpolated signal.
 *
 * Most of the signal cannot hold a new maximum or an over, and proving that is far cheaper than
 * interpolating: the interpolated value between x[n] and x[n+1] is at most their larger magnitude
 * plus a small multiple of the local second difference. Only sample pairs whose bound reaches the
 * running maximum (or the over threshold, outside an over event already under way) are
 * interpolated; the answer is the same as interpolating everything.
 */
export function measureTruePeak(audio: AudioData, options: TruePeakOptions = {}): TruePeakResult {
  const thresholdDbtp = options.overThresholdDbtp ?? 0;
  if (!Number.isFinite(thresholdDbtp)) {
    throw new RangeError('overThresholdDbtp must be a finite number');
  }
  const threshold = 10 ** (thresholdDbtp / 20);
  const filter = oversamplingFilter(oversamplingFactor(audio.sampleRate));

  const perChannelDbtp: (number | null)[] = [];
  let count = 0;
  const times: number[] = [];
  for (const channel of audio.channels) {
    const result = channelTruePeak(channel, audio.sampleRate, filter, threshold);
    perChannelDbtp.push(amplitudeToDb(result.peak));
    count += result.overCount;
    for (const index of result.overStarts) times.push(index / (filter.factor * audio.sampleRate));
  }
  times.sort((a, b) => a - b);
  const present = perChannelDbtp.filter((v): v is number => v !== null);
  return {
    perChannelDbtp,
    maxDbtp: present.length > 0 ? Math.max(...present) : null,
    overs: { count, times: times.slice(0, MAX_OVER_TIMES) },
  };
}

interface ChannelPeak {
  peak: number;
  overCount: number;
  /** Oversampled indices where the first events start. */
  overStarts: number[];
}

function channelTruePeak(
  x: Float32Array,
  sampleRate: number,
  filter: OversamplingFilter,
  threshold: number,
): ChannelPeak {
  const blocks = Math.ceil(x.length / BLOCK);
  const blockPeak = new Float64Array(blocks);
  const blockSecondDiff = new Float64Array(blocks);
  let samplePeak = 0;
  for (let b = 0; b < blocks; b += SPAN_BLOCKS) {
    const to = Math.min(b + SPAN_BLOCKS, blocks);
    samplePeak = Math.max(samplePeak, blockStatistics(x, b, to, blockPeak, blockSecondDiff));
  }
  const eventLength = Math.max(1, Math.round(OVER_EVENT_SEC * sampleRate * filter.factor));
  const scan = new PeakScan(
    x,
    filter,
    threshold,
    eventLength,
    samplePeak,
    blockPeak,
    blockSecondDiff,
  );
  for (let b = 0; b < blocks; b += SPAN_BLOCKS) scan.blocks(b, Math.min(b + SPAN_BLOCKS, blocks));
  return { peak: scan.peak, overCount: scan.overCount, overStarts: scan.overStarts };
}

/** Interpolates where the bound says it matters, keeping the running maximum and the over events. */
class PeakScan {
  peak: number;
  overCount = 0;
  readonly overStarts: number[] = [];
  /** Below this, a value can neither raise the maximum nor start an over event. */
  private skipLevel: number;
  /** Oversampled index from which an over starts a new event. */
  private nextEventAt = -Infinity;
  private readonly overLevel: number;
  private readonly factor: number;
  private readonly taps: number;
  private readonly coefficients: Float64Array;
  private readonly secondDifferenceBound: number;

  constructor(
    private readonly x: Float32Array,
    filter: OversamplingFilter,
    threshold: number,
    private readonly eventLength: number,
    samplePeak: number,
    private readonly blockPeak: Float64Array,
    private readonly blockSecondDiff: Float64Array,
  ) {
    this.factor = filter.factor;
    this.taps = filter.tapsPerPhase;
    this.coefficients = filter.coefficients;
    this.secondDifferenceBound = filter.secondDifferenceBound;
    this.overLevel = threshold * OVER_SLACK;
    this.peak = samplePeak;
    this.skipLevel = Math.min(samplePeak, this.overLevel);
  }

  /** Blocks [from, to): one call per span keeps V8 off slow on-stack-replaced code. */
  blocks(from: number, to: number): void {
    const { x, blockPeak, blockSecondDiff, factor } = this;
    const n = x.length;
    const count = blockPeak.length;
    for (let b = from; b < to; b++) {
      const start = b * BLOCK;
      const end = Math.min(start + BLOCK, n);
      let d2 = blockSecondDiff[b];
      if (b > 0 && blockSecondDiff[b - 1] > d2) d2 = blockSecondDiff[b - 1];
      if (b + 1 < count && blockSecondDiff[b + 1] > d2) d2 = blockSecondDiff[b + 1];
      const margin = this.secondDifferenceBound * d2;
      const next = end < n ? Math.abs(x[end]) : 0;
      const blockBound = (Math.max(blockPeak[b], next) + margin) * BOUND_SLACK;
      if (blockBound <= this.levelUntil(end * factor)) continue;
      for (let i = start; i < end; i++) {
        const here = Math.abs(x[i]);
        const after = i + 1 < n ? Math.abs(x[i + 1]) : 0;
        const bound = (Math.max(here, after) + margin) * BOUND_SLACK;
        if (bound > this.levelUntil((i + 1) * factor)) this.pair(i, here);
      }
    }
  }

  /** What a value before oversampled index `end` must beat to matter: inside an event, only the maximum. */
  private levelUntil(end: number): number {
    return end <= this.nextEventAt ? this.peak : this.skipLevel;
  }

  /** All oversampled values from sample i (phase 0) up to, not including, sample i + 1. */
  private pair(i: number, here: number): void {
    const { x, factor, taps, coefficients } = this;
    if (here > this.overLevel) this.over(i * factor);
    const first = i - taps / 2 + 1;
    const inside = first >= 0 && first + taps <= x.length;
    for (let p = 1; p < factor; p++) {
      const offset = (p - 1) * taps;
      const value = Math.abs(
        inside
          ? dot(coefficients, offset, x, first, taps)
          : dotPadded(coefficients, offset, x, first, taps),
      );
      if (value > this.peak) {
        this.peak = value;
        this.skipLevel = Math.min(value, this.overLevel);
      }
      if (value > this.overLevel) this.over(i * factor + p);
    }
  }

  private over(q: number): void {
    if (q < this.nextEventAt) return;
    this.overCount++;
    if (this.overStarts.length < MAX_OVER_TIMES) this.overStarts.push(q);
    this.nextEventAt = q + this.eventLength;
  }
}

/** Σ c[offset + k]·x[first + k]; four running sums, so additions do not wait on each other. */
function dot(
  c: Float64Array,
  offset: number,
  x: Float32Array,
  first: number,
  taps: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < taps; k += 4) {
    s0 += c[offset + k] * x[first + k];
    s1 += c[offset + k + 1] * x[first + k + 1];
    s2 += c[offset + k + 2] * x[first + k + 2];
    s3 += c[offset + k + 3] * x[first + k + 3];
  }
  for (; k < taps; k++) s0 += c[offset + k] * x[first + k];
  return s0 + s1 + (s2 + s3);
}

/** As dot, with zeros outside the signal. */
function dotPadded(
  c: Float64Array,
  offset: number,
  x: Float32Array,
  first: number,
  taps: number,
): number {
  let sum = 0;
  for (let k = 0; k < taps; k++) {
    const at = first + k;
    if (at >= 0 && at < x.length) sum += c[offset + k] * x[at];
  }
  return sum;
}

/**
 * Per block in [fromBlock, toBlock): the largest |x| and the largest |x[m-1] - 2x[m] + x[m+1]|
 * (zero outside the signal). Returns the largest |x| of the span. Called span by span: one long
 * call would run in on-stack-replaced code, which V8 makes markedly slower.
 */
function blockStatistics(
  x: Float32Array,
  fromBlock: number,
  toBlock: number,
  blockPeak: Float64Array,
  blockSecondDiff: Float64Array,
): number {
  const n = x.length;
  let spanPeak = 0;
  for (let b = fromBlock; b < toBlock; b++) {
    const start = b * BLOCK;
    const end = Math.min(start + BLOCK, n);
    let prev = start > 0 ? x[start - 1] : 0;
    let cur = x[start];
    let p = 0;
    let d = 0;
    for (let i = start; i < end; i++) {
      const next = i + 1 < n ? x[i + 1] : 0;
      // Math.abs, not a sign test: signs of music are unpredictable branches.
      const a = Math.abs(cur);
      if (a > p) p = a;
      const s = Math.abs(prev - 2 * cur + next);
      if (s > d) d = s;
      prev = cur;
      cur = next;
    }
    blockPeak[b] = p;
    blockSecondDiff[b] = d;
    if (p > spanPeak) spanPeak = p;
  }
  return spanPeak;
}

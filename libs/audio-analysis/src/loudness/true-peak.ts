import { amplitudeToDb } from '../dsp/level.ts';
import type { AudioData } from '../types.ts';
import {
  oversamplingFactor,
  oversamplingFilter,
  type OversamplingFilter,
} from './oversampling-filter.ts';

export interface TruePeakOptions {
  /** Interpolated values above this level count as overs. Default 0 dBTP. */
  overThresholdDbtp?: number;
}

export interface TruePeakOvers {
  /** Runs of consecutive oversampled values above the threshold, summed over channels. */
  count: number;
  /** Start times (s) of the first 100 runs, in time order. */
  times: number[];
}

export interface TruePeakResult {
  /** null for a channel that is digital silence. */
  perChannelDbtp: (number | null)[];
  maxDbtp: number | null;
  overs: TruePeakOvers;
}

const MAX_OVER_TIMES = 100;
/** Pairs of samples checked against one bound; must be at least tapsPerPhase/2 + 2. */
const BLOCK = 64;
/** Covers rounding in the filter sums, so a skip never hides a larger value. */
const BOUND_SLACK = 1 + 1e-9;

/**
 * BS.1770 Annex 2 true peak: the maximum of the oversampled, low-pass interpolated signal.
 *
 * Most of the signal cannot hold a new maximum or an over, and proving that is far cheaper than
 * interpolating: the interpolated value between x[n] and x[n+1] is at most their larger magnitude
 * plus a small multiple of the local second difference. Only sample pairs whose bound reaches the
 * running maximum (or the over threshold) are interpolated; the answer is the same as interpolating
 * everything.
 */
export function measureTruePeak(audio: AudioData, options: TruePeakOptions = {}): TruePeakResult {
  const thresholdDbtp = options.overThresholdDbtp ?? 0;
  if (!Number.isFinite(thresholdDbtp))
    throw new RangeError('overThresholdDbtp must be a finite number');
  const threshold = 10 ** (thresholdDbtp / 20);
  const filter = oversamplingFilter(oversamplingFactor(audio.sampleRate));

  const perChannelDbtp: (number | null)[] = [];
  let count = 0;
  const times: number[] = [];
  for (const channel of audio.channels) {
    const result = channelTruePeak(channel, filter, threshold);
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
  /** Oversampled indices where the first runs start. */
  overStarts: number[];
}

function channelTruePeak(
  x: Float32Array,
  filter: OversamplingFilter,
  threshold: number,
): ChannelPeak {
  const n = x.length;
  const blocks = Math.ceil(n / BLOCK);
  const blockPeak = new Float64Array(blocks);
  const blockSecondDiff = new Float64Array(blocks);
  let peak = blockStatistics(x, blockPeak, blockSecondDiff);

  const { factor, tapsPerPhase: taps, coefficients, secondDifferenceBound: g } = filter;
  const half = taps / 2;
  const overStarts: number[] = [];
  let overCount = 0;
  let lastOver = -2;
  let skipLevel = Math.min(peak, threshold);

  for (let b = 0; b < blocks; b++) {
    const start = b * BLOCK;
    const end = Math.min(start + BLOCK, n);
    let d2 = blockSecondDiff[b];
    if (b > 0 && blockSecondDiff[b - 1] > d2) d2 = blockSecondDiff[b - 1];
    if (b + 1 < blocks && blockSecondDiff[b + 1] > d2) d2 = blockSecondDiff[b + 1];
    const margin = g * d2;
    const next = end < n ? Math.abs(x[end]) : 0;
    if ((Math.max(blockPeak[b], next) + margin) * BOUND_SLACK <= skipLevel) continue;

    for (let i = start; i < end; i++) {
      const here = Math.abs(x[i]);
      const after = i + 1 < n ? Math.abs(x[i + 1]) : 0;
      if ((Math.max(here, after) + margin) * BOUND_SLACK <= skipLevel) continue;

      // Phase 0 is the sample itself.
      if (here > threshold) {
        const q = i * factor;
        if (q !== lastOver + 1) {
          overCount++;
          if (overStarts.length < MAX_OVER_TIMES) overStarts.push(q);
        }
        lastOver = q;
      }
      const first = i - half + 1;
      const inside = first >= 0 && first + taps <= n;
      for (let p = 1; p < factor; p++) {
        const offset = (p - 1) * taps;
        let acc = 0;
        if (inside) {
          for (let k = 0; k < taps; k++) acc += coefficients[offset + k] * x[first + k];
        } else {
          for (let k = 0; k < taps; k++) {
            const at = first + k;
            if (at >= 0 && at < n) acc += coefficients[offset + k] * x[at];
          }
        }
        const value = Math.abs(acc);
        if (value > peak) {
          peak = value;
          if (peak < threshold) skipLevel = peak;
          else skipLevel = threshold;
        }
        if (value > threshold) {
          const q = i * factor + p;
          if (q !== lastOver + 1) {
            overCount++;
            if (overStarts.length < MAX_OVER_TIMES) overStarts.push(q);
          }
          lastOver = q;
        }
      }
    }
  }
  return { peak, overCount, overStarts };
}

/** Per block: the largest |x| and the largest |x[m-1] - 2x[m] + x[m+1]| (zero outside the signal). Returns the sample peak. */
function blockStatistics(
  x: Float32Array,
  blockPeak: Float64Array,
  blockSecondDiff: Float64Array,
): number {
  const n = x.length;
  let samplePeak = 0;
  let prev = 0;
  for (let b = 0, start = 0; start < n; b++, start += BLOCK) {
    const end = Math.min(start + BLOCK, n);
    let p = 0;
    let d = 0;
    let cur = x[start];
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
    if (p > samplePeak) samplePeak = p;
  }
  return samplePeak;
}

/** Samples at or above this magnitude are "at full scale" (0.999 ≈ -0.0087 dBFS). */
export const FULL_SCALE_LEVEL = 0.999;
/** A run of at least this many full-scale samples in a row counts as clipping. */
export const MIN_CLIP_RUN = 3;
const MAX_TIMES = 100;

export interface ChannelScan {
  /** Clipping events: runs of >= MIN_CLIP_RUN full-scale samples, or runs holding any |x| > 1. */
  clipEvents: number;
  /** Samples inside those events. */
  clippedSamples: number;
  /** Samples with |x| > 1 (possible only in float files). */
  samplesAboveFullScale: number;
  /** Start times (s) of the first 100 events. */
  clipTimes: number[];
  /** Arithmetic mean of the channel (its DC component). */
  mean: number;
}

/** Samples per call of the scan: one call over a whole channel runs in V8's slower on-stack-replaced code. */
const SPAN = 1 << 16;

interface ScanState {
  sumEven: number;
  sumOdd: number;
  clipEvents: number;
  clippedSamples: number;
  samplesAboveFullScale: number;
  clipTimes: number[];
}

/**
 * One pass over a channel: clipping runs and the mean. The hot loop takes ordinary samples two
 * at a time (two partial sums, one combined test); a full-scale sample hands over to a loop
 * that walks its run.
 */
export function scanChannel(samples: Float32Array, sampleRate: number): ChannelScan {
  const n = samples.length;
  const state: ScanState = {
    sumEven: 0,
    sumOdd: 0,
    clipEvents: 0,
    clippedSamples: 0,
    samplesAboveFullScale: 0,
    clipTimes: [],
  };
  let i = 0;
  while (i < n) i = scanSpan(samples, i, Math.min(n, i + SPAN), sampleRate, state);
  const { sumEven, sumOdd, clipEvents, clippedSamples, samplesAboveFullScale, clipTimes } = state;
  const mean = n > 0 ? (sumEven + sumOdd) / n : 0;
  return { clipEvents, clippedSamples, samplesAboveFullScale, clipTimes, mean };
}

/** Scans from `from` to `to`, and on to the end of a run still going at `to`; returns where it stopped. */
function scanSpan(
  samples: Float32Array,
  from: number,
  to: number,
  sampleRate: number,
  state: ScanState,
): number {
  const n = samples.length;
  const level = FULL_SCALE_LEVEL;
  const lastPair = to - 1;
  let sumEven = state.sumEven;
  let sumOdd = state.sumOdd;

  let i = from;
  while (i < to) {
    for (; i < lastPair; i += 2) {
      const x = samples[i];
      const y = samples[i + 1];
      if (x >= level || x <= -level || y >= level || y <= -level) break;
      sumEven += x;
      sumOdd += y;
    }
    if (i >= to) break;
    const x = samples[i];
    if (x < level && x > -level) {
      sumEven += x;
      i++;
      continue;
    }
    const start = i;
    let above = 0;
    for (; i < n; i++) {
      const v = samples[i];
      const magnitude = v < 0 ? -v : v;
      if (magnitude < level) break;
      if (magnitude > 1) above++;
      sumEven += v;
    }
    const run = i - start;
    if (run >= MIN_CLIP_RUN || above > 0) {
      state.clipEvents++;
      state.clippedSamples += run;
      state.samplesAboveFullScale += above;
      if (state.clipTimes.length < MAX_TIMES) state.clipTimes.push(start / sampleRate);
    }
  }
  state.sumEven = sumEven;
  state.sumOdd = sumOdd;
  return i;
}

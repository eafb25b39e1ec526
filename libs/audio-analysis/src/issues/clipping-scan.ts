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

/** One pass over a channel: clipping runs and the mean. */
export function scanChannel(samples: Float32Array, sampleRate: number): ChannelScan {
  const n = samples.length;
  let sum = 0;
  let run = 0;
  let runStart = 0;
  let runAbove = 0;
  let clipEvents = 0;
  let clippedSamples = 0;
  let samplesAboveFullScale = 0;
  const clipTimes: number[] = [];

  const closeRun = () => {
    if (run >= MIN_CLIP_RUN || runAbove > 0) {
      clipEvents++;
      clippedSamples += run;
      samplesAboveFullScale += runAbove;
      if (clipTimes.length < MAX_TIMES) clipTimes.push(runStart / sampleRate);
    }
    run = 0;
    runAbove = 0;
  };

  for (let i = 0; i < n; i++) {
    const x = samples[i];
    sum += x;
    const magnitude = x < 0 ? -x : x;
    if (magnitude >= FULL_SCALE_LEVEL) {
      if (run === 0) runStart = i;
      run++;
      if (magnitude > 1) runAbove++;
    } else if (run > 0) {
      closeRun();
    }
  }
  if (run > 0) closeRun();

  return { clipEvents, clippedSamples, samplesAboveFullScale, clipTimes, mean: n > 0 ? sum / n : 0 };
}

/**
 * Tempo stability from the beats: the local tempo in overlapping windows (least-squares slope of
 * beat time against beat number, which averages out per-beat timing jitter), and how much it
 * varies. Stability = 1 / (1 + (cv / CV_AT_HALF)²), cv = standard deviation / mean of the local
 * tempi: a steady track reads near 1, one that drifts by a few percent reads near 0.5 or below.
 */
const WINDOW_SEC = 8;
const MIN_BEATS_PER_WINDOW = 4;
/** Coefficient of variation at which stability reads 0.5. */
const CV_AT_HALF = 0.02;

export interface StabilityResult {
  stability: number | null;
  /** Local tempi (BPM), one per window. */
  localBpm: number[];
  reason: string | null;
}

export function tempoStability(beatTimes: number[], durationSec: number): StabilityResult {
  const window = Math.min(WINDOW_SEC, durationSec / 2);
  const hop = window / 4;
  const localBpm: number[] = [];
  let b0 = 0;
  for (let start = 0; start + window <= durationSec + 1e-9; start += hop) {
    while (b0 < beatTimes.length && beatTimes[b0] < start) b0++;
    let b1 = b0;
    while (b1 < beatTimes.length && beatTimes[b1] < start + window) b1++;
    if (b1 - b0 >= MIN_BEATS_PER_WINDOW) {
      const period = slope(beatTimes, b0, b1);
      if (period > 0) localBpm.push(60 / period);
    }
  }
  if (localBpm.length < 2) {
    return {
      stability: null,
      localBpm,
      reason: 'too few beats to compare the tempo across the track',
    };
  }
  const mean = localBpm.reduce((a, b) => a + b, 0) / localBpm.length;
  const variance = localBpm.reduce((a, b) => a + (b - mean) ** 2, 0) / localBpm.length;
  const cv = Math.sqrt(variance) / mean;
  return { stability: 1 / (1 + (cv / CV_AT_HALF) ** 2), localBpm, reason: null };
}

/** Least-squares slope of times[i] against i over [from, to). */
function slope(times: number[], from: number, to: number): number {
  const n = to - from;
  const meanIndex = (n - 1) / 2;
  let meanTime = 0;
  for (let i = from; i < to; i++) meanTime += times[i];
  meanTime /= n;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < n; i++) {
    numerator += (i - meanIndex) * (times[from + i] - meanTime);
    denominator += (i - meanIndex) ** 2;
  }
  return denominator > 0 ? numerator / denominator : 0;
}

/**
 * How many distinct onsets a minute of the envelope holds: the surface rate of the music, which
 * listeners weigh when they pick a beat level (a groove of steady sixteenth notes is felt faster
 * than the same tempo in quarter notes). An onset is a local maximum over ±PEAK_HALF_WIDTH_SEC that
 * rises above RISE_OVER_LOCAL_MEAN times the envelope's mean over the surrounding second, plus
 * GLOBAL_FLOOR of the file's mean, so that a quiet passage's noise is not counted.
 */
const PEAK_HALF_WIDTH_SEC = 0.035;
const LOCAL_MEAN_HALF_WIDTH_SEC = 0.5;
const RISE_OVER_LOCAL_MEAN = 1.5;
const GLOBAL_FLOOR = 0.2;

export function onsetsPerMinute(envelope: Float32Array, frameRate: number): number {
  const n = envelope.length;
  if (n === 0 || !(frameRate > 0)) return 0;
  const half = Math.max(1, Math.round(PEAK_HALF_WIDTH_SEC * frameRate));
  const localHalf = Math.max(1, Math.round(LOCAL_MEAN_HALF_WIDTH_SEC * frameRate));
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + envelope[i];
  const floor = (GLOBAL_FLOOR * prefix[n]) / n;
  let count = 0;
  for (let i = half; i < n - half; i++) {
    const value = envelope[i];
    let isPeak = true;
    for (let d = -half; d <= half && isPeak; d++) if (envelope[i + d] > value) isPeak = false;
    if (!isPeak) continue;
    const lo = Math.max(0, i - localHalf);
    const hi = Math.min(n, i + localHalf);
    const localMean = (prefix[hi] - prefix[lo]) / (hi - lo);
    if (value > RISE_OVER_LOCAL_MEAN * localMean + floor) count++;
  }
  return (count * 60 * frameRate) / n;
}

import { Fft } from '../math/fft.ts';

/**
 * Periodicity of an onset envelope, measured two ways over overlapping windows:
 * - autocorrelation (how alike the envelope is to itself one period later), averaged over windows;
 * - folding (how much onset strength piles up at one phase when the envelope is cut into periods
 *   and stacked), which rewards a pulse that stays in phase for a whole window. Autocorrelation
 *   alone also rewards two-event figures such as the dotted-eighth pairs of a funk bass line.
 */
export interface Autocorrelation {
  /** Mean over windows of the unbiased, zero-lag-normalised autocorrelation, lags 0…maxLag frames. */
  values: Float64Array;
  windowFrames: number;
  hopFrames: number;
}

export const PERIODICITY_WINDOW_SEC = 8;
const PERIODICITY_HOP_SEC = 2;

/** Window starts covering the envelope; a short envelope is a single window. */
export function windowStarts(length: number, windowFrames: number, hopFrames: number): number[] {
  if (length <= windowFrames) return [0];
  const starts: number[] = [];
  for (let s = 0; s + windowFrames <= length; s += hopFrames) starts.push(s);
  const last = length - windowFrames;
  if (starts[starts.length - 1] < last) starts.push(last);
  return starts;
}

export function windowedAutocorrelation(
  envelope: Float32Array,
  frameRate: number,
): Autocorrelation {
  const windowFrames = Math.min(envelope.length, Math.round(PERIODICITY_WINDOW_SEC * frameRate));
  const hopFrames = Math.max(1, Math.round(PERIODICITY_HOP_SEC * frameRate));
  const maxLag = windowFrames >> 1;
  let size = 4;
  while (size < windowFrames + maxLag) size *= 2;
  const fft = new Fft(size);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const powerA = new Float64Array(size);
  const powerB = new Float64Array(size);
  const values = new Float64Array(maxLag + 1);
  const starts = windowStarts(envelope.length, windowFrames, hopFrames);
  let used = 0;
  // Two windows per transform, one as the real part and one as the imaginary part, both ways:
  // their spectra separate by conjugate symmetry, and their power spectra, real and even, transform
  // to two real autocorrelations that share the output the same way.
  for (let w = 0; w < starts.length; w += 2) {
    const second = w + 1 < starts.length;
    loadCentredWindow(envelope, starts[w], windowFrames, re);
    if (second) loadCentredWindow(envelope, starts[w + 1], windowFrames, im);
    else im.fill(0);
    fft.transformToSlots(re, im);
    separatePowers(re, im, fft.binSlots, powerA, powerB);
    fft.transformToSlots(powerA, powerB);
    used += addNormalised(powerA, fft.binSlots, windowFrames, maxLag, values);
    if (second) used += addNormalised(powerB, fft.binSlots, windowFrames, maxLag, values);
  }
  if (used > 0) for (let k = 0; k <= maxLag; k++) values[k] /= used;
  return { values, windowFrames, hopFrames };
}

/**
 * The window minus its mean, lightly smoothed, zero-padded to the transform: the smoothing lets a
 * pulse whose period is not a whole number of frames still correlate at one lag instead of
 * splitting between two.
 */
function loadCentredWindow(
  envelope: Float32Array,
  start: number,
  windowFrames: number,
  into: Float64Array,
): void {
  let mean = 0;
  for (let i = 0; i < windowFrames; i++) mean += envelope[start + i];
  mean /= windowFrames;
  into.fill(0);
  for (let i = 0; i < windowFrames; i++) {
    const before = envelope[start + Math.max(0, i - 1)];
    const after = envelope[start + Math.min(windowFrames - 1, i + 1)];
    into[i] = 0.25 * before + 0.5 * envelope[start + i] + 0.25 * after - mean;
  }
}

/**
 * |A_k|² and |B_k|² in natural order from Z = FFT(a + i·b) left in bit-reversed order, where
 * A_k = (Z_k + conj Z_{N−k}) / 2 and B_k = (Z_k − conj Z_{N−k}) / 2i.
 */
function separatePowers(
  re: Float64Array,
  im: Float64Array,
  slot: Uint32Array,
  powerA: Float64Array,
  powerB: Float64Array,
): void {
  const n = re.length;
  for (let k = 0; k < n; k++) {
    const p = slot[k];
    const q = slot[(n - k) & (n - 1)];
    const ar = re[p] + re[q];
    const ai = im[p] - im[q];
    const br = im[p] + im[q];
    const bi = re[p] - re[q];
    powerA[k] = 0.25 * (ar * ar + ai * ai);
    powerB[k] = 0.25 * (br * br + bi * bi);
  }
}

/** Adds one window's unbiased autocorrelation, normalised at lag 0; returns 0 for a flat window. */
function addNormalised(
  acf: Float64Array,
  slot: Uint32Array,
  windowFrames: number,
  maxLag: number,
  values: Float64Array,
): number {
  const zero = acf[slot[0]];
  if (zero <= 0) return 0;
  const zeroLag = zero / windowFrames;
  for (let k = 0; k <= maxLag; k++) values[k] += acf[slot[k]] / (windowFrames - k) / zeroLag;
  return 1;
}

/** Linear interpolation of the autocorrelation at a fractional lag; 0 outside the computed range. */
export function autocorrelationAt(acf: Float64Array, lag: number): number {
  const i = Math.floor(lag);
  if (i < 0 || i + 1 >= acf.length) return 0;
  const f = lag - i;
  return acf[i] * (1 - f) + acf[i + 1] * f;
}

/** Largest autocorrelation within ±tolerance (relative) of a lag. */
export function autocorrelationPeakNear(acf: Float64Array, lag: number, tolerance = 0.02): number {
  let best = -Infinity;
  const steps = 8;
  for (let s = -steps; s <= steps; s++)
    best = Math.max(best, autocorrelationAt(acf, lag * (1 + (tolerance * s) / steps)));
  return best;
}

/** Lags (integer frames) of the autocorrelation's local maxima between two lags, strongest first. */
export function autocorrelationPeaks(acf: Float64Array, minLag: number, maxLag: number): number[] {
  const peaks: number[] = [];
  const lo = Math.max(1, Math.floor(minLag));
  const hi = Math.min(acf.length - 2, Math.ceil(maxLag));
  for (let k = lo; k <= hi; k++) {
    if (acf[k] > 0 && acf[k] >= acf[k - 1] && acf[k] > acf[k + 1]) peaks.push(k);
  }
  return peaks.sort((a, b) => acf[b] - acf[a]);
}

/**
 * The peak lag near `lag`, refined by parabolic interpolation at each multiple of it that fits
 * (a peak k periods away pins the period k times more finely), averaged with weight k.
 */
export function refinePeriod(acf: Float64Array, lag: number): number {
  let weighted = 0;
  let weights = 0;
  for (let multiple = 1; multiple <= 4; multiple++) {
    const centre = lag * multiple;
    const lo = Math.max(1, Math.floor(centre * 0.97));
    const hi = Math.min(acf.length - 2, Math.ceil(centre * 1.03));
    if (lo > hi) break;
    let k = lo;
    for (let j = lo + 1; j <= hi; j++) if (acf[j] > acf[k]) k = j;
    if (acf[k] <= 0 || k === lo || k === hi) continue;
    const a = acf[k - 1];
    const b = acf[k];
    const c = acf[k + 1];
    const denominator = a - 2 * b + c;
    const offset = denominator < 0 ? (0.5 * (a - c)) / denominator : 0;
    // Estimate (k + offset) / multiple, weighted by multiple.
    weighted += k + offset;
    weights += multiple;
  }
  return weights > 0 ? weighted / weights : lag;
}

/**
 * Folding salience: per window, stack the envelope in periods of `period` frames, find the phase
 * where onset strength piles up most (three-frame neighbourhood, for timing jitter), and take how
 * far that exceeds the window's mean, relative to the mean. Averaged over windows.
 */
export function foldingSalience(envelope: Float32Array, frameRate: number, period: number): number {
  const windowFrames = Math.min(envelope.length, Math.round(PERIODICITY_WINDOW_SEC * frameRate));
  const hopFrames = Math.max(1, Math.round(PERIODICITY_HOP_SEC * frameRate));
  const bins = Math.max(1, Math.ceil(period));
  const sums = new Float64Array(bins);
  const counts = new Float64Array(bins);
  let total = 0;
  let used = 0;
  for (const start of windowStarts(envelope.length, windowFrames, hopFrames)) {
    sums.fill(0);
    counts.fill(0);
    let sum = 0;
    let phase = 0;
    for (let i = start, end = start + windowFrames; i < end; i++) {
      const bin = Math.floor(phase);
      sums[bin] += envelope[i];
      counts[bin]++;
      sum += envelope[i];
      phase += 1;
      if (phase >= period) phase -= period;
    }
    const mean = sum / windowFrames;
    if (mean <= 0) continue;
    let peak = 0;
    for (let b = 0; b < bins; b++) {
      const before = b === 0 ? bins - 1 : b - 1;
      const after = b === bins - 1 ? 0 : b + 1;
      const n = counts[before] + counts[b] + counts[after];
      if (n > 0) peak = Math.max(peak, (sums[before] + sums[b] + sums[after]) / n);
    }
    total += (peak - mean) / mean;
    used++;
  }
  return used > 0 ? total / used : 0;
}

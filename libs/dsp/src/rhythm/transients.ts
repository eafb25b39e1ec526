import { round } from '../math/level.ts';
import type { Reasons, TransientsResult } from '@mixscope/contracts';
import type { AudioData } from '../audio-data.ts';
import type { RhythmFeatures } from './rhythm-features.ts';

/**
 * Onset density and attack shape over a range of the track.
 *
 * Onsets are peaks of the shared onset envelope that stand out from their surroundings. Each
 * onset's attack is timed on an RMS envelope of the mono signal (5 ms window, 1 ms steps): from
 * the valley before the peak, the rise from 10 % to 90 % of valley-to-peak. The 5 ms window sets
 * the floor: a sound that starts at full level reads about 4 ms. Sharpness maps each attack time to 0-1 on a log scale,
 * FAST_MS and faster reading 1 and SLOW_MS and slower 0, and averages over onsets.
 */
const PEAK_NEIGHBOURHOOD_SEC = 0.03;
const THRESHOLD_WINDOW_SEC = 0.2;
/** A peak must exceed its local mean by this many standard deviations of the range's envelope. */
const THRESHOLD_DEVIATIONS = 0.5;
const MIN_ONSET_GAP_SEC = 0.03;
const RISE_WINDOW_SEC = 0.05;
/** Peaks weaker than this share of the strong ones (90th percentile of peaks) are ripples, not onsets. */
const MIN_SHARE_OF_STRONG_PEAKS = 0.2;
/** Onset strength is a mean log-energy rise over bands; below 0.1 (about 0.4 dB) it is ripple from releases and modulation. */
const MIN_ONSET_STRENGTH = 0.1;

const ENVELOPE_STEP_SEC = 0.001;
const ENVELOPE_WINDOW_STEPS = 5;
/** The attack's peak is sought from just before the onset up to the next onset, at most this far. */
const PEAK_SEARCH_BEFORE_SEC = 0.03;
const PEAK_SEARCH_AFTER_SEC = 0.3;
/** Its valley, back from the onset (not before the previous onset), at most this far. */
const VALLEY_SEARCH_SEC = 0.15;
/** An attack must rise at least this far (peak over valley, in amplitude) to be timed: 6 dB. */
const MIN_RISE_RATIO = 2;
const FAST_MS = 5;
const SLOW_MS = 200;

export function analyzeTransients(
  audio: AudioData,
  features: RhythmFeatures,
  range: { fromSec: number; toSec: number },
): TransientsResult {
  const reasons: Reasons = {};
  const durationSec =
    audio.sampleRate > 0 ? (audio.channels[0]?.length ?? 0) / audio.sampleRate : 0;
  const fromSec = Math.max(0, Math.min(range.fromSec, durationSec));
  const toSec = Math.max(fromSec, Math.min(range.toSec, durationSec));
  const base = { analyzedFromSec: round(fromSec, 3) ?? 0, analyzedToSec: round(toSec, 3) ?? 0 };
  if (toSec - fromSec < 1) {
    const why = 'the analysed range is shorter than 1 s';
    return {
      onsetDensityPerSec: 0,
      attackSharpness: 0,
      medianAttackMs: null,
      ...base,
      reasons: { medianAttackMs: why },
    };
  }

  const onsets = pickOnsets(features.onset, features.onsetRate, fromSec, toSec);
  const envelope = rmsEnvelope(
    features.signal,
    features.signalRate,
    fromSec - VALLEY_SEARCH_SEC,
    toSec + PEAK_SEARCH_AFTER_SEC,
  );
  const attacks: number[] = [];
  onsets.forEach((time, k) => {
    const ms = attackTimeMs(envelope, time, onsets[k - 1] ?? -Infinity, onsets[k + 1] ?? Infinity);
    if (ms !== null) attacks.push(ms);
  });

  let medianAttackMs: number | null = null;
  let attackSharpness = 0;
  if (attacks.length > 0) {
    const sorted = [...attacks].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    medianAttackMs = sorted.length % 2 === 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    attackSharpness = attacks.reduce((sum, ms) => sum + sharpness(ms), 0) / attacks.length;
  } else {
    reasons.medianAttackMs =
      onsets.length === 0
        ? 'no onsets found in the analysed range'
        : 'no onset rises clearly (6 dB or more) above what precedes it';
    reasons.attackSharpness = reasons.medianAttackMs;
  }
  return {
    onsetDensityPerSec: round(onsets.length / (toSec - fromSec), 2) ?? 0,
    attackSharpness: round(attackSharpness, 2) ?? 0,
    medianAttackMs: round(medianAttackMs, 1),
    ...base,
    reasons,
  };
}

function sharpness(ms: number): number {
  const s = Math.log(SLOW_MS / ms) / Math.log(SLOW_MS / FAST_MS);
  return Math.min(1, Math.max(0, s));
}

/**
 * Onset times (s) in [fromSec, toSec): local maxima above a moving threshold (local mean plus half
 * a standard deviation, delta), rising by delta from the valley before them, not much weaker than
 * the range's strong peaks, at least MIN_ONSET_GAP apart.
 */
export function pickOnsets(
  onset: Float32Array,
  rate: number,
  fromSec: number,
  toSec: number,
): number[] {
  const first = Math.max(0, Math.ceil(fromSec * rate));
  const last = Math.min(onset.length, Math.ceil(toSec * rate));
  if (last - first < 3) return [];
  let mean = 0;
  for (let i = first; i < last; i++) mean += onset[i];
  mean /= last - first;
  let variance = 0;
  for (let i = first; i < last; i++) variance += (onset[i] - mean) ** 2;
  const delta = THRESHOLD_DEVIATIONS * Math.sqrt(variance / (last - first));
  if (!(delta > 0)) return [];

  const reach = Math.max(1, Math.round(PEAK_NEIGHBOURHOOD_SEC * rate));
  const halfWindow = Math.max(1, Math.round((THRESHOLD_WINDOW_SEC * rate) / 2));
  const minGap = Math.max(1, Math.round(MIN_ONSET_GAP_SEC * rate));
  const riseFrames = Math.max(1, Math.round(RISE_WINDOW_SEC * rate));
  // Running sum for the local mean.
  const prefix = new Float64Array(onset.length + 1);
  for (let i = 0; i < onset.length; i++) prefix[i + 1] = prefix[i] + onset[i];
  const peaks: number[] = [];
  let lastPeak = -Infinity;
  for (let i = first; i < last; i++) {
    const v = onset[i];
    let isPeak = true;
    for (
      let j = Math.max(0, i - reach);
      j <= Math.min(onset.length - 1, i + reach) && isPeak;
      j++
    ) {
      if (onset[j] > v || (onset[j] === v && j < i)) isPeak = false;
    }
    if (!isPeak) continue;
    const lo = Math.max(0, i - halfWindow);
    const hi = Math.min(onset.length, i + halfWindow + 1);
    const localMean = (prefix[hi] - prefix[lo]) / (hi - lo);
    if (v < localMean + delta || i - lastPeak < minGap) continue;
    // A peak must also rise by delta from the valley just before it, not ride on a plateau.
    let valley = v;
    for (let j = Math.max(0, i - riseFrames); j < i; j++) valley = Math.min(valley, onset[j]);
    if (v - valley < delta) continue;
    peaks.push(i);
    lastPeak = i;
  }
  if (peaks.length === 0) return [];
  const strengths = peaks.map((i) => onset[i]).sort((a, b) => a - b);
  const strong = strengths[Math.min(strengths.length - 1, Math.floor(0.9 * strengths.length))];
  const floor = Math.max(MIN_ONSET_STRENGTH, MIN_SHARE_OF_STRONG_PEAKS * strong);
  return peaks.filter((i) => onset[i] >= floor).map((i) => i / rate);
}

interface Envelope {
  values: Float64Array;
  /** Time (s) of values[0]; values are ENVELOPE_STEP_SEC apart, each the RMS of the window ending there. */
  startSec: number;
}

function rmsEnvelope(signal: Float32Array, rate: number, fromSec: number, toSec: number): Envelope {
  const block = Math.max(1, Math.round(ENVELOPE_STEP_SEC * rate));
  const step = block / rate;
  const startBlock = Math.max(0, Math.floor((fromSec * rate) / block));
  const endBlock = Math.min(Math.floor(signal.length / block), Math.ceil((toSec * rate) / block));
  const count = Math.max(0, endBlock - startBlock);
  const power = new Float64Array(count);
  for (let b = 0; b < count; b++) {
    let sum = 0;
    for (let i = (startBlock + b) * block, end = i + block; i < end; i++)
      sum += signal[i] * signal[i];
    power[b] = sum / block;
  }
  const values = new Float64Array(count);
  let running = 0;
  for (let b = 0; b < count; b++) {
    running += power[b];
    if (b >= ENVELOPE_WINDOW_STEPS) running -= power[b - ENVELOPE_WINDOW_STEPS];
    values[b] = Math.sqrt(Math.max(0, running) / Math.min(b + 1, ENVELOPE_WINDOW_STEPS));
  }
  // Each value describes the window ending at its block, so it is centred half a window earlier.
  return { values, startSec: (startBlock + 1) * step - (ENVELOPE_WINDOW_STEPS * step) / 2 };
}

/**
 * 10-90 % rise time (ms) of the attack at `time`, or null when there is no clear rise. The peak is
 * the loudest point before the next onset (slow swells peak long after their onset is detected);
 * the valley is the quietest point between the previous onset, or VALLEY_SEARCH_SEC, and the peak.
 */
function attackTimeMs(
  envelope: Envelope,
  time: number,
  previousTime: number,
  nextTime: number,
): number | null {
  const { values, startSec } = envelope;
  const indexOf = (t: number) => Math.round((t - startSec) / ENVELOPE_STEP_SEC);
  const from = Math.max(0, indexOf(time - PEAK_SEARCH_BEFORE_SEC));
  const to = Math.min(
    values.length - 1,
    indexOf(Math.min(time + PEAK_SEARCH_AFTER_SEC, nextTime - PEAK_SEARCH_BEFORE_SEC)),
  );
  if (to <= from) return null;
  let peak = from;
  for (let i = from + 1; i <= to; i++) if (values[i] > values[peak]) peak = i;
  const valleyFrom = Math.max(0, indexOf(Math.max(time - VALLEY_SEARCH_SEC, previousTime)));
  let valley = peak;
  for (let i = peak - 1; i >= valleyFrom; i--) if (values[i] < values[valley]) valley = i;
  const top = values[peak];
  const bottom = values[valley];
  if (valley === peak || !(top > MIN_RISE_RATIO * bottom)) return null;
  const low = bottom + 0.1 * (top - bottom);
  const high = bottom + 0.9 * (top - bottom);
  // Last crossing of the 10 % level before the peak, then the first crossing of 90 % after it.
  let i10 = peak;
  while (i10 > valley && values[i10 - 1] > low) i10--;
  let i90 = i10;
  while (i90 < peak && values[i90] < high) i90++;
  const t10 = crossing(values, i10 - 1, i10, low);
  const t90 = crossing(values, i90 - 1, i90, high);
  return Math.max(0, (t90 - t10) * ENVELOPE_STEP_SEC * 1000);
}

/** Fractional index where the envelope crosses `level` between samples a and b = a + 1. */
function crossing(values: Float64Array, a: number, b: number, level: number): number {
  if (a < 0) return b;
  const va = values[a];
  const vb = values[b];
  return vb !== va ? a + (level - va) / (vb - va) : b;
}

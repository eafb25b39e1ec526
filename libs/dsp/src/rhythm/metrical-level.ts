import {
  autocorrelationPeakNear,
  windowStarts,
  PERIODICITY_WINDOW_SEC,
} from './onset-periodicity.ts';

/**
 * Which level of the metre is the beat: the pulse family (see tempo.ts) fixes the grid, not whether
 * the beat is its eighth notes, its quarters or its bars. Several cues decide, because none does
 * alone, each measured for every candidate level:
 * - periodicity: the onset autocorrelation at the level's period, over all bands and over the kick
 *   band (up to 150 Hz) and the snare/hat band (from 1.5 kHz) separately;
 * - backbeat: kick and snare alternating beat by beat (kick on one beat, snare on the next), which
 *   holds at the beat and at no other level: at the eighth-note level both land on the same phase,
 *   at the half-note level the snare falls between the level's beats;
 * - a tempo prior, for music without drums, where nothing else tells quarters from eighths.
 * The cues are combined linearly; the weights were fitted on the corpus's tuning half
 * (bench/tempo-tune.mjs) and never on the held-out half.
 */
export interface LevelWeights {
  periodicity: number;
  lowPeriodicity: number;
  highPeriodicity: number;
  backbeat: number;
  priorCentreBpm: number;
  priorOctaves: number;
}

export const LEVEL_WEIGHTS: LevelWeights = {
  periodicity: 1.5,
  lowPeriodicity: -2,
  highPeriodicity: -0.5,
  backbeat: 1,
  priorCentreBpm: 130,
  priorOctaves: 0.9,
};

/** Beat levels are looked for in this range. */
export const LEVEL_RANGE_BPM: [number, number] = [60, 220];
/** Slower levels count only when nothing in LEVEL_RANGE_BPM is periodic: music that moves that slowly. */
export const SLOW_LEVEL_FLOOR_BPM = 40;
const FAMILY_RATIOS = [1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4];

export interface LevelCues {
  bpm: number;
  periodicity: number;
  lowPeriodicity: number;
  highPeriodicity: number;
  backbeat: number;
}

export interface LevelCandidate extends LevelCues {
  score: number;
}

export interface LevelEvidence {
  acf: Float64Array;
  lowAcf: Float64Array;
  highAcf: Float64Array;
  low: Float32Array;
  high: Float32Array;
  onsetRate: number;
}

/** The family's levels in range, each with its cues; scored with `weights`, best first. */
export function metricalLevels(
  familyBpm: number,
  evidence: LevelEvidence,
  weights: LevelWeights = LEVEL_WEIGHTS,
  minPeriodicity = 0,
): LevelCandidate[] {
  const lagOf = (bpm: number) => (60 * evidence.onsetRate) / bpm;
  const raw: LevelCues[] = FAMILY_RATIOS.map((ratio) => familyBpm * ratio)
    .filter((bpm) => bpm >= SLOW_LEVEL_FLOOR_BPM && bpm <= LEVEL_RANGE_BPM[1])
    .map((bpm) => ({
      bpm,
      periodicity: autocorrelationPeakNear(evidence.acf, lagOf(bpm)),
      lowPeriodicity: autocorrelationPeakNear(evidence.lowAcf, lagOf(bpm)),
      highPeriodicity: autocorrelationPeakNear(evidence.highAcf, lagOf(bpm)),
      backbeat: backbeat(evidence, lagOf(bpm)),
    }));
  const inRange = raw.filter((c) => c.bpm >= LEVEL_RANGE_BPM[0]);
  const usable = inRange.some((c) => c.periodicity >= minPeriodicity) ? inRange : raw;
  return usable
    .map((c) => ({ ...c, score: levelScore(c, weights) }))
    .sort((a, b) => b.score - a.score);
}

export function levelScore(cues: LevelCues, weights: LevelWeights): number {
  const prior = Math.log2(cues.bpm / weights.priorCentreBpm) / weights.priorOctaves;
  return (
    weights.periodicity * Math.log(Math.max(1e-2, cues.periodicity)) +
    weights.lowPeriodicity * Math.max(0, cues.lowPeriodicity) +
    weights.highPeriodicity * Math.max(0, cues.highPeriodicity) +
    weights.backbeat * cues.backbeat -
    0.5 * prior * prior
  );
}

/**
 * Kick-snare alternation at a beat period (frames): the low-band and high-band envelopes are
 * folded over two beats; at the best phase, the contrast (a − b)/(a + b) between the first beat's
 * kick and the second's, and between the second beat's snare and the first's; the smaller of the
 * two, averaged over 16 s windows. 0 when nothing alternates (a four-on-the-floor kick, no drums).
 */
export function backbeat(evidence: LevelEvidence, period: number): number {
  return foldedContrast(evidence, 2 * period, (low, high, b, half) =>
    Math.min(contrast(low(b), low(b + half)), contrast(high(b + half), high(b))),
  );
}

type Measure = (
  low: (bin: number) => number,
  high: (bin: number) => number,
  bin: number,
  half: number,
) => number;

/**
 * Folds both envelopes over `cycle` frames in 16 s windows (hop 8 s) and averages, over windows,
 * `measure` at the best phase (negative values count as 0).
 * Each fold value is a three-bin mean, for timing jitter; the window's mean is added to both sides
 * of a contrast so that near-silent bands read 0, not ±1.
 */
function foldedContrast(evidence: LevelEvidence, cycle: number, measure: Measure): number {
  const { low, high, onsetRate } = evidence;
  const bins = Math.max(2, Math.round(cycle));
  const windowFrames = Math.min(low.length, Math.round(PERIODICITY_WINDOW_SEC * 2 * onsetRate));
  if (windowFrames < cycle * 2) return 0;
  const lowFold = new Float64Array(bins);
  const highFold = new Float64Array(bins);
  const counts = new Float64Array(bins);
  let total = 0;
  let used = 0;
  for (const start of windowStarts(low.length, windowFrames, windowFrames >> 1)) {
    lowFold.fill(0);
    highFold.fill(0);
    counts.fill(0);
    let lowSum = 0;
    let highSum = 0;
    for (let i = start; i < start + windowFrames; i++) {
      const bin = Math.floor((((i - start) % cycle) / cycle) * bins) % bins;
      lowFold[bin] += low[i];
      highFold[bin] += high[i];
      counts[bin]++;
      lowSum += low[i];
      highSum += high[i];
    }
    const lowMean = lowSum / windowFrames;
    const highMean = highSum / windowFrames;
    if (!(lowMean > 0) || !(highMean > 0)) continue;
    const at = (fold: Float64Array, floor: number) => (b: number) => {
      let s = 0;
      let n = 0;
      for (let d = -1; d <= 1; d++) {
        const k = (((b + d) % bins) + bins) % bins;
        s += fold[k];
        n += counts[k];
      }
      return (n > 0 ? s / n : 0) + floor;
    };
    const lowAt = at(lowFold, CONTRAST_FLOOR * lowMean);
    const highAt = at(highFold, CONTRAST_FLOOR * highMean);
    const half = Math.round(bins / 2);
    let value = 0;
    for (let b = 0; b < bins; b++) value = Math.max(value, measure(lowAt, highAt, b, half));
    total += value;
    used++;
  }
  return used > 0 ? total / used : 0;
}

/** Share of a band's mean added to both sides of a contrast, so that near-silence reads 0, not ±1. */
const CONTRAST_FLOOR = 0.25;

function contrast(a: number, b: number): number {
  return a + b > 0 ? (a - b) / (a + b) : 0;
}

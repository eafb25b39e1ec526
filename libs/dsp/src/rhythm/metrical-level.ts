import {
  autocorrelationPeakNear,
  foldingSalience,
  windowStarts,
  PERIODICITY_WINDOW_SEC,
} from './onset-periodicity.ts';

/**
 * Which level of the metre is the beat: the pulse family (see tempo.ts) fixes the grid, not whether
 * the beat is its eighth notes, its quarters or its bars. Several cues decide, because none does
 * alone, each measured for every candidate level:
 * - periodicity: the onset autocorrelation at the level's period, over all bands and over the kick
 *   band (up to 150 Hz) and the snare/hat band (from 1.5 kHz) separately;
 * - salience: how strongly onsets pile up at one phase when the envelope (all bands, kick band,
 *   snare band) is folded at the level's period; the beat is where the accents recur in phase;
 * - backbeat: kick and snare alternating beat by beat (kick on one beat, snare on the next), which
 *   holds at the beat and at no other level: at the eighth-note level both land on the same phase,
 *   at the half-note level the snare falls between the level's beats;
 * - onsets per beat: the music's surface rate (onset-density.ts) over the level's tempo; a beat
 *   is rarely a single event or a run of eight, and a dense surface pulls the felt beat faster;
 * - tempo: a log-quadratic preference, which matters most where nothing else tells the levels
 *   apart.
 * The score is a weighted sum of the features below; the weights are those of a softmax ranking
 * (the right level against the other candidates) fitted on the corpus's tuning half, the rendered
 * set and the unit signals (bench/tempo-tune.mjs), never on the held-out half.
 */
export interface LevelCues {
  bpm: number;
  periodicity: number;
  lowPeriodicity: number;
  highPeriodicity: number;
  salience: number;
  lowSalience: number;
  highSalience: number;
  backbeat: number;
  onsetsPerBeat: number;
  lowOnsetsPerBeat: number;
  highOnsetsPerBeat: number;
}

const log2 = Math.log2;
/** The features the score weighs; each is a function of one level's cues. */
export const LEVEL_FEATURES = {
  periodicity: (c: LevelCues) => Math.log(Math.max(0.01, c.periodicity)),
  lowPeriodicity: (c: LevelCues) => Math.max(0, c.lowPeriodicity),
  highPeriodicity: (c: LevelCues) => Math.max(0, c.highPeriodicity),
  salience: (c: LevelCues) => Math.log(Math.max(0.1, c.salience)),
  lowSalience: (c: LevelCues) => Math.log(Math.max(0.1, c.lowSalience)),
  highSalience: (c: LevelCues) => Math.log(Math.max(0.1, c.highSalience)),
  backbeat: (c: LevelCues) => c.backbeat,
  // Squared only: the linear term of log2(onsets per minute / bpm) is the tempo's, up to a constant.
  onsetsPerBeatSquared: (c: LevelCues) => log2(Math.max(0.1, c.onsetsPerBeat)) ** 2,
  lowOnsetsPerBeatSquared: (c: LevelCues) => log2(Math.max(0.1, c.lowOnsetsPerBeat)) ** 2,
  highOnsetsPerBeatSquared: (c: LevelCues) => log2(Math.max(0.1, c.highOnsetsPerBeat)) ** 2,
  tempo: (c: LevelCues) => log2(c.bpm / 120),
  tempoSquared: (c: LevelCues) => log2(c.bpm / 120) ** 2,
};

export type LevelWeights = Record<keyof typeof LEVEL_FEATURES, number>;

export const LEVEL_WEIGHTS: LevelWeights = {
  periodicity: 1.34,
  lowPeriodicity: -0.51,
  highPeriodicity: -1.44,
  salience: 2.92,
  lowSalience: 1.05,
  highSalience: 3.07,
  backbeat: 3.01,
  onsetsPerBeatSquared: -0.77,
  lowOnsetsPerBeatSquared: -0.14,
  highOnsetsPerBeatSquared: -0.68,
  tempo: -0.52,
  tempoSquared: -0.94,
};

/** Beat levels are looked for in this range. */
export const LEVEL_RANGE_BPM: [number, number] = [60, 220];
/** Slower levels count only when nothing in LEVEL_RANGE_BPM is periodic: music that moves that slowly. */
export const SLOW_LEVEL_FLOOR_BPM = 40;
/** A level below LEVEL_RANGE_BPM with this many onsets per beat or more is a bar, not a slow beat. */
const SLOW_MAX_ONSETS_PER_BEAT = 2;
/** Multiples and fractions of the family; 2/3 and 3/2 let the metre correct a family read across a triplet. */
const FAMILY_RATIOS = [1 / 4, 1 / 3, 1 / 2, 2 / 3, 1, 3 / 2, 2, 3, 4];

export interface LevelCandidate extends LevelCues {
  score: number;
}

export interface LevelEvidence {
  acf: Float64Array;
  lowAcf: Float64Array;
  highAcf: Float64Array;
  onset: Float32Array;
  low: Float32Array;
  high: Float32Array;
  onsetRate: number;
  onsetsPerMinute: number;
  lowOnsetsPerMinute: number;
  highOnsetsPerMinute: number;
}

/** The family's levels in range, each with its cues; scored with `weights`, best first. */
export function metricalLevels(
  familyBpm: number,
  evidence: LevelEvidence,
  weights: LevelWeights = LEVEL_WEIGHTS,
  minPeriodicity = 0,
): LevelCandidate[] {
  const raw = FAMILY_RATIOS.map((ratio) => familyBpm * ratio)
    .filter((bpm) => bpm >= SLOW_LEVEL_FLOOR_BPM && bpm <= LEVEL_RANGE_BPM[1])
    .map((bpm) => levelCues(bpm, evidence));
  // Only a level that repeats is a pulse: the others take no part, so that a salient but aperiodic
  // level cannot win and leave the track without a tempo.
  const periodic = (levels: LevelCues[]) => levels.filter((c) => c.periodicity >= minPeriodicity);
  const inRange = raw.filter((c) => c.bpm >= LEVEL_RANGE_BPM[0]);
  // A slower level is the beat only when the music moves that slowly: few onsets per beat. A
  // busy surface over a slow periodicity is a bar whose beats alternate too much to correlate
  // (bass and chord in turn); its beats in range compete then, periodic or not.
  const slow = periodic(raw.filter((c) => c.bpm < LEVEL_RANGE_BPM[0]));
  const movesSlowly = slow.some((c) => c.onsetsPerBeat < SLOW_MAX_ONSETS_PER_BEAT);
  const usable =
    periodic(inRange).length > 0
      ? periodic(inRange)
      : movesSlowly || inRange.length === 0
        ? slow.length > 0
          ? slow
          : raw
        : inRange;
  return usable
    .map((c) => ({ ...c, score: levelScore(c, weights) }))
    .sort((a, b) => b.score - a.score);
}

export function levelCues(bpm: number, evidence: LevelEvidence): LevelCues {
  const { onsetRate } = evidence;
  const lag = (60 * onsetRate) / bpm;
  return {
    bpm,
    periodicity: autocorrelationPeakNear(evidence.acf, lag),
    lowPeriodicity: autocorrelationPeakNear(evidence.lowAcf, lag),
    highPeriodicity: autocorrelationPeakNear(evidence.highAcf, lag),
    salience: foldingSalience(evidence.onset, onsetRate, lag),
    lowSalience: foldingSalience(evidence.low, onsetRate, lag),
    highSalience: foldingSalience(evidence.high, onsetRate, lag),
    backbeat: backbeat(evidence, lag),
    onsetsPerBeat: evidence.onsetsPerMinute / bpm,
    lowOnsetsPerBeat: evidence.lowOnsetsPerMinute / bpm,
    highOnsetsPerBeat: evidence.highOnsetsPerMinute / bpm,
  };
}

export function levelScore(cues: LevelCues, weights: LevelWeights): number {
  let score = 0;
  for (const [name, feature] of Object.entries(LEVEL_FEATURES))
    score += weights[name as keyof LevelWeights] * feature(cues);
  return score;
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

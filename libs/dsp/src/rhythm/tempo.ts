import { round } from '../math/level.ts';
import { UNCERTAIN_TEMPO_BELOW, type Reasons, type TempoResult } from '@mixscope/contracts';
import { trackBeats } from './beat-tracker.ts';
import { LEVEL_WEIGHTS, metricalLevels } from './metrical-level.ts';
import type { LevelEvidence, LevelWeights } from './metrical-level.ts';
import {
  autocorrelationPeakNear,
  autocorrelationPeaks,
  foldingSalience,
  refinePeriod,
  windowedAutocorrelation,
} from './onset-periodicity.ts';
import { onsetsPerMinute } from './onset-density.ts';
import type { RhythmFeatures } from './rhythm-features.ts';
import { tempoStability } from './tempo-stability.ts';

/**
 * Tempo in two steps, because the two hard parts need different evidence:
 * 1. The pulse family: the period whose pulse train lines up with the onsets most consistently
 *    (folding salience, see onset-periodicity.ts), under a broad prior. This settles the pulse
 *    but not its octave: 60, 120 and 240 BPM all fit a steady eighth-note groove.
 * 2. The metrical level: among the family's multiples and fractions, the one the cues of
 *    metrical-level.ts favour (periodicity per band, kick/snare backbeat, a tempo prior), fitted on
 *    the corpus's tuning half. The prior alone cannot do it: a ballad's eighth notes and a punk
 *    beat's half tempo are as periodic as their beats.
 */
const MIN_DURATION_SEC = 6;
const SILENT_BELOW_DBFS = -80;
const FAMILY_RANGE_BPM: [number, number] = [40, 240];
const FAMILY_PRIOR = { centreBpm: 120, octaves: 1.5 };
const MAX_FAMILY_CANDIDATES = 12;
/** Below this autocorrelation at the chosen period there is no pulse worth reporting. */
export const MIN_PERIODICITY = 0.08;
/**
 * Below this mean onset strength nothing starts or changes (a held tone, a drone): any
 * periodicity found would be in numerical noise. Music reads 0.1 or more.
 */
const MIN_MEAN_ONSET = 0.02;
/** Score lead (log units) over the runner-up level at which the octave counts as settled. */
const SETTLED_OCTAVE_LEAD = Math.log(1.5);

/** What the metrical-level choice starts from; exported for the tuning bench. */
export interface PulseEvidence {
  familyBpm: number;
  evidence: LevelEvidence;
}

export function pulseEvidence(features: RhythmFeatures): PulseEvidence | null {
  const { onset, onsetRate } = features;
  const lagOf = (bpm: number) => (60 * onsetRate) / bpm;
  const acf = windowedAutocorrelation(onset, onsetRate).values;
  const familyLag = pulseFamily(onset, onsetRate, acf, lagOf);
  if (familyLag === null) return null;
  return {
    familyBpm: (60 * onsetRate) / familyLag,
    evidence: {
      acf,
      lowAcf: windowedAutocorrelation(features.onsetLow, onsetRate).values,
      highAcf: windowedAutocorrelation(features.onsetHigh, onsetRate).values,
      onset,
      low: features.onsetLow,
      high: features.onsetHigh,
      onsetRate,
      onsetsPerMinute: onsetsPerMinute(onset, onsetRate),
      lowOnsetsPerMinute: onsetsPerMinute(features.onsetLow, onsetRate),
      highOnsetsPerMinute: onsetsPerMinute(features.onsetHigh, onsetRate),
    },
  };
}

export function estimateTempo(
  features: RhythmFeatures,
  weights: LevelWeights = LEVEL_WEIGHTS,
): TempoResult {
  const reasons: Reasons = {};
  const none = (why: string): TempoResult => ({
    bpm: null,
    confidence: null,
    uncertain: true,
    stability: null,
    beats: [],
    reasons: { bpm: why, confidence: why, stability: why },
  });
  if (features.levelDbfs === null || features.levelDbfs < SILENT_BELOW_DBFS)
    return none('the audio is silent');
  if (features.durationSec < MIN_DURATION_SEC) {
    return none(`the audio is shorter than ${MIN_DURATION_SEC} s, too short to find a tempo`);
  }

  const { onset, onsetRate } = features;
  if (mean(onset) < MIN_MEAN_ONSET)
    return none('no onsets to time: the audio holds no notes or hits');
  const lagOf = (bpm: number) => (60 * onsetRate) / bpm;
  const pulse = pulseEvidence(features);
  if (pulse === null) return none('no steady pulse found');
  const { acf } = pulse.evidence;
  const levels = metricalLevels(pulse.familyBpm, pulse.evidence, weights, MIN_PERIODICITY);
  const chosen = levels[0];
  // The pulse is judged on the family and every level of it: a chosen beat whose own autocorrelation
  // is weak still stands (with a low confidence) when its bar repeats.
  const strongest = Math.max(
    autocorrelationPeakNear(acf, lagOf(pulse.familyBpm)),
    ...levels.map((l) => l.periodicity),
  );
  if (!chosen || strongest < MIN_PERIODICITY) return none('no steady pulse found');

  const period = refinePeriod(acf, lagOf(chosen.bpm));
  const beats = trackBeats(onset, period).map((frame) => frame / onsetRate);
  const {
    stability,
    localBpm,
    reason: stabilityReason,
  } = tempoStability(beats, features.durationSec);
  if (stabilityReason) reasons.stability = stabilityReason;
  // The median local tempo summarises a drifting track better than the autocorrelation peak,
  // which leans towards whichever tempo lasted longest; on a steady track the two agree.
  const bpm = localBpm.length >= 2 ? median(localBpm) : (60 * onsetRate) / period;

  const runnerUp = levels[1];
  const octaveCertainty = runnerUp
    ? Math.min(1, Math.max(0, (chosen.score - runnerUp.score) / SETTLED_OCTAVE_LEAD))
    : 1;
  const confidence = Math.max(0, Math.min(1, chosen.periodicity)) * (0.6 + 0.4 * octaveCertainty);

  return {
    bpm: round(bpm, 1),
    confidence: round(confidence, 2),
    uncertain: confidence < UNCERTAIN_TEMPO_BELOW,
    stability: round(stability, 2),
    beats: beats.map((t) => Math.round(t * 1000) / 1000),
    reasons,
  };
}

/** Lag (frames, fractional) of the best-aligned pulse train among the autocorrelation's peaks. */
function pulseFamily(
  onset: Float32Array,
  onsetRate: number,
  acf: Float64Array,
  lagOf: (bpm: number) => number,
): number | null {
  const candidates = autocorrelationPeaks(
    acf,
    lagOf(FAMILY_RANGE_BPM[1]),
    lagOf(FAMILY_RANGE_BPM[0]),
  ).slice(0, MAX_FAMILY_CANDIDATES);
  let bestLag: number | null = null;
  let bestScore = 0;
  for (const peak of candidates) {
    for (const offset of [-0.01, -0.005, 0, 0.005, 0.01]) {
      const lag = peak * (1 + offset);
      const bpm = (60 * onsetRate) / lag;
      const score = foldingSalience(onset, onsetRate, lag) * logNormalPrior(bpm, FAMILY_PRIOR);
      if (score > bestScore) {
        bestScore = score;
        bestLag = lag;
      }
    }
  }
  return bestLag;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
}

function logNormalPrior(bpm: number, prior: { centreBpm: number; octaves: number }): number {
  return Math.exp(-0.5 * (Math.log2(bpm / prior.centreBpm) / prior.octaves) ** 2);
}

function mean(values: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length > 0 ? sum / values.length : 0;
}

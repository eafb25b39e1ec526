/** A window whose L/R correlation is at or below this is out of phase. */
export const OUT_OF_PHASE_CORRELATION = -0.5;
export const PHASE_WINDOW_SEC = 0.5;
/** Windows quieter than this mean square (-60 dBFS RMS) are not judged. */
const MIN_WINDOW_POWER = 1e-6;
const MAX_TIMES = 100;

export interface PhaseScan {
  /** Passages of consecutive out-of-phase windows. */
  passages: number;
  /** Start times (s) of the first 100 passages. */
  times: number[];
  /** Total out-of-phase time (s). */
  outOfPhaseSec: number;
  /** Time (s) in windows loud enough to judge. */
  judgedSec: number;
  /** Lowest window correlation seen; null when no window was judged. */
  minCorrelation: number | null;
}

/** Pearson-style correlation r = ΣLR / √(ΣL²·ΣR²) per window, in one pass over both channels. */
export function scanPhase(left: Float32Array, right: Float32Array, sampleRate: number): PhaseScan {
  const n = Math.min(left.length, right.length);
  const window = Math.max(1, Math.round(PHASE_WINDOW_SEC * sampleRate));
  const times: number[] = [];
  let passages = 0;
  let outOfPhaseFrames = 0;
  let judgedFrames = 0;
  let minCorrelation: number | null = null;
  let inPassage = false;
  const sums = new Float64Array(3);

  for (let start = 0; start < n; start += window) {
    const end = Math.min(n, start + window);
    // A short tail window is too little to judge.
    if (end - start < window / 2) break;
    windowSums(left, right, start, end, sums);
    const [ll, rr, lr] = sums;
    const frames = end - start;
    const judged = (ll + rr) / (2 * frames) >= MIN_WINDOW_POWER && ll > 0 && rr > 0;
    let outOfPhase = false;
    if (judged) {
      judgedFrames += frames;
      const correlation = lr / Math.sqrt(ll * rr);
      if (minCorrelation === null || correlation < minCorrelation) minCorrelation = correlation;
      outOfPhase = correlation <= OUT_OF_PHASE_CORRELATION;
    }
    if (outOfPhase) {
      outOfPhaseFrames += frames;
      if (!inPassage) {
        passages++;
        if (times.length < MAX_TIMES) times.push(start / sampleRate);
      }
    }
    inPassage = outOfPhase;
  }

  return {
    passages,
    times,
    outOfPhaseSec: outOfPhaseFrames / sampleRate,
    judgedSec: judgedFrames / sampleRate,
    minCorrelation,
  };
}

/** ΣL², ΣR² and ΣLR of one window; one call per window keeps V8 off on-stack-replaced code. */
function windowSums(
  left: Float32Array,
  right: Float32Array,
  start: number,
  end: number,
  out: Float64Array,
): void {
  let ll = 0;
  let rr = 0;
  let lr = 0;
  for (let i = start; i < end; i++) {
    const l = left[i];
    const r = right[i];
    ll += l * l;
    rr += r * r;
    lr += l * r;
  }
  out[0] = ll;
  out[1] = rr;
  out[2] = lr;
}

/**
 * Dynamic-programming beat tracking (Ellis, "Beat Tracking by Dynamic Programming", 2007): the
 * beat sequence maximises the onset strength at its beats minus a penalty, `tightness` times the
 * squared log ratio of each beat interval to the expected period. The penalty is smooth, so the
 * sequence follows a tempo that drifts instead of snapping back to the global period.
 */
const DEFAULT_TIGHTNESS = 100;
/** Leading and trailing beats weaker than this share of the median beat are trimmed (silence, fades). */
const TRIM_BELOW_MEDIAN = 0.1;

/** Beat positions in (integer) frames of the envelope, ascending. */
export function trackBeats(
  envelope: Float32Array,
  period: number,
  tightness = DEFAULT_TIGHTNESS,
): number[] {
  const n = envelope.length;
  if (n === 0 || !(period >= 2)) return [];
  const strength = normalisedStrength(envelope);
  if (!strength) return [];

  const shortest = Math.max(1, Math.round(period / 2));
  const longest = Math.max(shortest, Math.round(period * 2));
  const penalty = new Float64Array(longest + 1);
  for (let d = shortest; d <= longest; d++) penalty[d] = -tightness * Math.log(d / period) ** 2;

  const score = new Float64Array(n);
  const previous = new Int32Array(n).fill(-1);
  for (let t = 0; t < n; t++) {
    let best = 0;
    let bestFrom = -1;
    const lo = Math.max(0, t - longest);
    for (let p = t - shortest; p >= lo; p--) {
      const candidate = score[p] + penalty[t - p];
      if (bestFrom < 0 || candidate > best) {
        best = candidate;
        bestFrom = p;
      }
    }
    // A chain only pays off when continuing it beats starting afresh here.
    if (bestFrom >= 0 && best > 0) {
      score[t] = strength[t] + best;
      previous[t] = bestFrom;
    } else {
      score[t] = strength[t];
    }
  }

  let last = Math.max(0, n - Math.round(period));
  for (let t = last + 1; t < n; t++) if (score[t] > score[last]) last = t;
  const beats: number[] = [];
  for (let t = last; t >= 0; t = previous[t]) beats.push(t);
  beats.reverse();
  return trimWeakEnds(beats, strength);
}

/** The envelope, lightly smoothed against one-frame jitter and divided by its standard deviation. */
function normalisedStrength(envelope: Float32Array): Float64Array | null {
  const n = envelope.length;
  const smooth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const before = i > 0 ? envelope[i - 1] : envelope[i];
    const after = i + 1 < n ? envelope[i + 1] : envelope[i];
    smooth[i] = 0.25 * before + 0.5 * envelope[i] + 0.25 * after;
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += smooth[i];
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (smooth[i] - mean) ** 2;
  const deviation = Math.sqrt(variance / n);
  if (!(deviation > 0)) return null;
  for (let i = 0; i < n; i++) smooth[i] /= deviation;
  return smooth;
}

function trimWeakEnds(beats: number[], strength: Float64Array): number[] {
  if (beats.length < 3) return beats;
  const local = beats.map((b) => {
    let m = 0;
    for (let i = Math.max(0, b - 2); i <= Math.min(strength.length - 1, b + 2); i++)
      m = Math.max(m, strength[i]);
    return m;
  });
  const sorted = [...local].sort((a, b) => a - b);
  const threshold = TRIM_BELOW_MEDIAN * sorted[sorted.length >> 1];
  let first = 0;
  let last = beats.length - 1;
  while (first < last && local[first] < threshold) first++;
  while (last > first && local[last] < threshold) last--;
  return beats.slice(first, last + 1);
}

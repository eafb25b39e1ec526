/**
 * Halving decimators: zero-phase half-band FIR low-passes evaluated only at the kept samples.
 * Half the taps of a half-band filter are zero and the rest are symmetric, so an output sample
 * costs one multiply-add per tap pair.
 */
export interface HalfBandFilter {
  /** Taps at odd offsets 1, 3, 5…; the centre tap is 0.5 and even offsets are zero. */
  oddTaps: Float64Array;
}

/**
 * 31 taps, Kaiser beta 8: within 0.3 dB below 0.2 of the input rate, at least 53 dB down from 0.32
 * and 85 dB down from 0.375. For the last halving before a signal is analysed.
 */
export const STEEP_HALF_BAND = designHalfBand(8, 8);

/**
 * 15 taps, Kaiser beta 6: within 0.01 dB below 0.125 of the input rate, at least 63 dB down from
 * 0.375. Enough for a halving that a steep one follows: what it lets alias lands above the final band.
 */
export const LIGHT_HALF_BAND = designHalfBand(4, 6);

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

function designHalfBand(pairs: number, beta: number): HalfBandFilter {
  const taps = new Float64Array(pairs);
  const span = 2 * pairs;
  let sum = 0;
  for (let p = 0; p < pairs; p++) {
    const k = 2 * p + 1;
    const window = besselI0(beta * Math.sqrt(1 - (k / span) ** 2)) / besselI0(beta);
    taps[p] = (Math.sin((Math.PI * k) / 2) / (Math.PI * k)) * window;
    sum += taps[p];
  }
  // Unity gain at DC: the centre's 0.5 plus both sides of the odd taps.
  for (let p = 0; p < pairs; p++) taps[p] *= 0.25 / sum;
  return { oddTaps: taps };
}

/** Low-passes below a quarter of the input rate and keeps every second sample. */
export function halveRate(
  input: Float32Array,
  filter: HalfBandFilter = STEEP_HALF_BAND,
): Float32Array {
  const out = new Float32Array(input.length >> 1);
  filterBlock(input, 0, input.length, filter.oddTaps, out, 0, out.length);
  return out;
}

export interface MixedSignal {
  /** Mean of the channels, low-passed and decimated by 2 per filter. */
  output: Float32Array;
  /** Sum of squares of the full-rate mean, for its RMS. */
  sumSquares: number;
}

/** Final output samples per chunk: every stage's share of a chunk stays in cache. */
const CHUNK_OUTPUTS = 2048;

/**
 * Averages the channels and halves the rate once per filter, chunk by chunk, so neither the
 * full-rate mono mix nor any intermediate rate exists as a whole (on a 4-minute 44.1 kHz track
 * they would be 42 MB and 21 MB written and read back). Each chunk recomputes the few samples its
 * neighbours also need; values outside a stage's signal are zero, exactly as when the stages run
 * one after the other over whole signals.
 */
export function mixAndDecimate(
  channels: Float32Array[],
  filters: readonly HalfBandFilter[],
): MixedSignal {
  const n = channels[0]?.length ?? 0;
  const scale = 1 / Math.max(1, channels.length);
  const stages = filters.length;
  const lengths = [n];
  for (let l = 0; l < stages; l++) lengths.push(lengths[l] >> 1);
  const output = new Float32Array(lengths[stages]);
  if (stages === 0) {
    mixRange(channels, 0, n, scale, output);
    return { output, sumSquares: sumOfSquares(output, 0, n) };
  }

  const reaches = filters.map((f) => 2 * f.oddTaps.length - 1);
  // Capacity per stage input: a chunk of c outputs needs 2(c - 1) + 2·reach + 1 inputs.
  const capacity = new Array<number>(stages + 1);
  capacity[stages] = CHUNK_OUTPUTS;
  for (let l = stages - 1; l >= 0; l--)
    capacity[l] = 2 * (capacity[l + 1] - 1) + 2 * reaches[l] + 1;
  const scratch = capacity.slice(0, stages).map((size) => new Float32Array(size));
  const lo = new Array<number>(stages + 1);
  const hi = new Array<number>(stages + 1);
  let sumSquares = 0;
  const factor = 2 ** stages;

  for (let q0 = 0; q0 < output.length; q0 += CHUNK_OUTPUTS) {
    const q1 = Math.min(output.length, q0 + CHUNK_OUTPUTS);
    lo[stages] = q0;
    hi[stages] = q1;
    for (let l = stages - 1; l >= 0; l--) {
      lo[l] = 2 * lo[l + 1] - reaches[l];
      hi[l] = 2 * (hi[l + 1] - 1) + reaches[l] + 1;
    }
    mixRange(channels, lo[0], hi[0], scale, scratch[0]);
    const countTo = q1 === output.length ? Math.min(n, hi[0]) : q1 * factor;
    sumSquares += sumOfSquares(scratch[0], q0 * factor - lo[0], countTo - lo[0]);
    for (let l = 1; l <= stages; l++) {
      const input = scratch[l - 1];
      const taps = filters[l - 1].oddTaps;
      const first = 2 * lo[l] - lo[l - 1];
      const inputLength = hi[l - 1] - lo[l - 1];
      if (l === stages) {
        filterBlock(input, first, inputLength, taps, output, q0, q1);
      } else {
        const into = scratch[l];
        filterBlock(input, first, inputLength, taps, into, 0, hi[l] - lo[l]);
        // Outside the stage's signal the next stage must see zeros, not filter tails.
        if (lo[l] < 0) into.fill(0, 0, -lo[l]);
        if (hi[l] > lengths[l]) into.fill(0, Math.max(0, lengths[l] - lo[l]), hi[l] - lo[l]);
      }
    }
  }
  // Input samples past the last chunk's reach (only when the signal is shorter than the margins).
  const counted = output.length > 0 ? Math.min(n, hi[0]) : 0;
  for (let t = counted; t < n; t++) {
    let v = 0;
    for (const channel of channels) v += channel[t];
    sumSquares += (v * scale) ** 2;
  }
  return { output, sumSquares };
}

function sumOfSquares(values: Float32Array, from: number, to: number): number {
  let sum = 0;
  for (let i = Math.max(0, from); i < to; i++) sum += values[i] * values[i];
  return sum;
}

/** Writes the scaled channel sum over [start, end) into `into[0…]`, zero outside the signal. */
function mixRange(
  channels: Float32Array[],
  start: number,
  end: number,
  scale: number,
  into: Float32Array,
): void {
  const n = channels[0]?.length ?? 0;
  const lo = Math.max(0, start);
  const hi = Math.max(lo, Math.min(n, end));
  into.fill(0, 0, lo - start);
  into.fill(0, hi - start, end - start);
  if (channels.length === 2) {
    const [left, right] = channels;
    for (let t = lo; t < hi; t++) into[t - start] = (left[t] + right[t]) * scale;
    return;
  }
  const firstChannel = channels[0];
  for (let t = lo; t < hi; t++) into[t - start] = firstChannel[t];
  for (let c = 1; c < channels.length; c++) {
    const channel = channels[c];
    for (let t = lo; t < hi; t++) into[t - start] += channel[t];
  }
  if (scale !== 1) for (let i = lo - start; i < hi - start; i++) into[i] *= scale;
}

/**
 * Output samples [m0, m1) of the decimated signal; output m is centred on input `first + 2(m - m0)`.
 * Inputs outside [0, length) count as zero. The interior runs through a kernel unrolled for the
 * two designs (about 2.5x faster than a loop over the taps); only the few samples near either end
 * take the general path.
 */
function filterBlock(
  input: Float32Array,
  first: number,
  length: number,
  taps: Float64Array,
  out: Float32Array,
  m0: number,
  m1: number,
): void {
  const reach = 2 * taps.length - 1;
  // Interior outputs: m with reach <= c and c + reach < length.
  const lo = Math.min(m1, Math.max(m0, m0 + Math.ceil((reach - first) / 2)));
  const hi = Math.max(lo, Math.min(m1, m0 + Math.floor((length - 1 - reach - first) / 2) + 1));
  filterEdges(input, first, length, taps, out, m0, m0, lo);
  if (taps.length === 4) interior4(input, first, taps, out, m0, lo, hi);
  else if (taps.length === 8) interior8(input, first, taps, out, m0, lo, hi);
  else filterEdges(input, first, length, taps, out, m0, lo, hi);
  filterEdges(input, first, length, taps, out, m0, hi, m1);
}

function filterEdges(
  input: Float32Array,
  first: number,
  length: number,
  taps: Float64Array,
  out: Float32Array,
  m0: number,
  from: number,
  to: number,
): void {
  for (let m = from; m < to; m++) {
    const c = first + 2 * (m - m0);
    let acc = 0.5 * input[c];
    for (let p = 0; p < taps.length; p++) {
      const k = 2 * p + 1;
      acc += taps[p] * ((c - k >= 0 ? input[c - k] : 0) + (c + k < length ? input[c + k] : 0));
    }
    out[m] = acc;
  }
}

function interior4(
  input: Float32Array,
  first: number,
  taps: Float64Array,
  out: Float32Array,
  m0: number,
  from: number,
  to: number,
): void {
  const [t0, t1, t2, t3] = taps;
  for (let m = from, c = first + 2 * (from - m0); m < to; m++, c += 2) {
    out[m] =
      0.5 * input[c] +
      t0 * (input[c - 1] + input[c + 1]) +
      t1 * (input[c - 3] + input[c + 3]) +
      t2 * (input[c - 5] + input[c + 5]) +
      t3 * (input[c - 7] + input[c + 7]);
  }
}

function interior8(
  input: Float32Array,
  first: number,
  taps: Float64Array,
  out: Float32Array,
  m0: number,
  from: number,
  to: number,
): void {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = taps;
  for (let m = from, c = first + 2 * (from - m0); m < to; m++, c += 2) {
    out[m] =
      0.5 * input[c] +
      t0 * (input[c - 1] + input[c + 1]) +
      t1 * (input[c - 3] + input[c + 3]) +
      t2 * (input[c - 5] + input[c + 5]) +
      t3 * (input[c - 7] + input[c + 7]) +
      t4 * (input[c - 9] + input[c + 9]) +
      t5 * (input[c - 11] + input[c + 11]) +
      t6 * (input[c - 13] + input[c + 13]) +
      t7 * (input[c - 15] + input[c + 15]);
  }
}

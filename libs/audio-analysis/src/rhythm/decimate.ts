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
export function halveRate(input: Float32Array, filter: HalfBandFilter = STEEP_HALF_BAND): Float32Array {
  const out = new Float32Array(input.length >> 1);
  filterBlock(input, 0, input.length, filter.oddTaps, out, 0, out.length);
  return out;
}

export interface MixedHalf {
  /** Mean of the channels, low-passed and decimated by two. */
  output: Float32Array;
  /** Sum of squares of the full-rate mean, for its RMS. */
  sumSquares: number;
}

/** Block length in output samples: the mixed input of one block stays in cache. */
const MIX_BLOCK = 4096;

/**
 * Averages the channels and halves the rate in one pass, block by block, so the full-rate mono
 * signal never exists as a whole (on a 4-minute track it would be 42 MB written and read back).
 */
export function mixAndHalveRate(channels: Float32Array[], filter: HalfBandFilter = LIGHT_HALF_BAND): MixedHalf {
  const n = channels[0]?.length ?? 0;
  const taps = filter.oddTaps;
  const reach = 2 * taps.length - 1;
  const output = new Float32Array(n >> 1);
  const scratch = new Float32Array(2 * MIX_BLOCK + 2 * reach);
  const scale = 1 / Math.max(1, channels.length);
  let sumSquares = 0;
  for (let m0 = 0; m0 < output.length; m0 += MIX_BLOCK) {
    const m1 = Math.min(output.length, m0 + MIX_BLOCK);
    const start = 2 * m0 - reach;
    const end = 2 * (m1 - 1) + reach + 1;
    mixRange(channels, start, end, scale, scratch);
    for (let t = 2 * m0 - start, last = 2 * m1 - start; t < last; t++) sumSquares += scratch[t] * scratch[t];
    filterBlock(scratch, 2 * m0 - start, end - start, taps, output, m0, m1);
  }
  if (n % 2 === 1) {
    let v = 0;
    for (const channel of channels) v += channel[n - 1];
    sumSquares += (v * scale) ** 2;
  }
  return { output, sumSquares };
}

/** Mean of the channels without decimation, for rates already low enough. */
export function mixToMono(channels: Float32Array[]): MixedHalf {
  const n = channels[0]?.length ?? 0;
  const output = new Float32Array(n);
  mixRange(channels, 0, n, 1 / Math.max(1, channels.length), output);
  let sumSquares = 0;
  for (let i = 0; i < n; i++) sumSquares += output[i] * output[i];
  return { output, sumSquares };
}

/** Writes the scaled channel sum over [start, end) into `into[0…]`, zero outside the signal. */
function mixRange(channels: Float32Array[], start: number, end: number, scale: number, into: Float32Array): void {
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

function interior4(input: Float32Array, first: number, taps: Float64Array, out: Float32Array, m0: number, from: number, to: number): void {
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

function interior8(input: Float32Array, first: number, taps: Float64Array, out: Float32Array, m0: number, from: number, to: number): void {
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

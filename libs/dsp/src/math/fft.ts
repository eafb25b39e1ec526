import { simdTransformFor, type SimdTransform } from './simd-fft.ts';

/**
 * In-place complex FFT. Where the SIMD backend is installed (simd-fft.ts: PFFFT compiled to
 * WebAssembly, which the measure workers load), the transform runs there, in single precision,
 * with its output in natural order: about 1.6 times as fast at 16384 points, copies included.
 * Otherwise it is this module's radix-4 decimation in frequency (one radix-2 pass last when
 * log2(size) is odd), in double precision, whose output is left in bit-reversed order. The
 * long-window STFT runs ~1300 of these per stereo 4-minute track, so the transform sets the
 * spectrum's time budget: callers that read bins by index take the output as it is left, through
 * `binSlots`, and skip a reordering pass.
 */
export class Fft {
  readonly size: number;
  /** binSlots[k]: the index where `transformToSlots` leaves bin k. */
  readonly binSlots: Uint32Array;
  /** Per radix-4 stage with twiddles and per k: W^k, W^2k, W^3k of that stage, as (re, im) pairs. */
  private readonly twiddles: Float64Array;
  private readonly trailingRadix2: boolean;
  /** Quarter length h of each twiddled radix-4 stage, ascending, and its offset into `twiddles`. */
  private readonly stageQuarters: number[] = [];
  private readonly stageOffsets: number[] = [];
  private readonly simd: SimdTransform | null;

  constructor(size: number) {
    if (size < 4 || (size & (size - 1)) !== 0) {
      throw new RangeError(`FFT size must be a power of two >= 4, got ${size}`);
    }
    this.size = size;
    const bits = Math.log2(size);
    this.trailingRadix2 = bits % 2 === 1;
    this.simd = simdTransformFor(size);

    this.binSlots = new Uint32Array(size);
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0, x = i; b < bits; b++, x >>= 1) r = (r << 1) | (x & 1);
      this.binSlots[i] = this.simd ? i : r;
    }
    if (this.simd) {
      this.twiddles = new Float64Array(0);
      return;
    }

    let total = 0;
    for (let h = this.firstTwiddledQuarter(); h < size; h *= 4) total += h;
    this.twiddles = new Float64Array(total * 6);
    let o = 0;
    for (let h = this.firstTwiddledQuarter(); h < size; h *= 4) {
      this.stageQuarters.push(h);
      this.stageOffsets.push(o);
      for (let k = 0; k < h; k++) {
        for (let p = 1; p <= 3; p++) {
          const angle = (-2 * Math.PI * p * k) / (4 * h);
          this.twiddles[o++] = Math.cos(angle);
          this.twiddles[o++] = Math.sin(angle);
        }
      }
    }
  }

  /**
   * Forward transform: input in natural order, output X[k] left at index binSlots[k]. Saves the
   * permutation pass for callers that read bins by index anyway.
   */
  transformToSlots(re: Float64Array, im: Float64Array): void {
    if (this.simd) {
      this.simd.transform(re, im);
      return;
    }
    const quarters = this.stageQuarters;
    for (let s = quarters.length - 1; s >= 0; s--) {
      radix4Pass(re, im, this.size, quarters[s], this.twiddles, this.stageOffsets[s]);
    }
    if (this.trailingRadix2) radix2FinalPass(re, im, this.size);
    else radix4FinalPass(re, im, this.size);
  }
  /** Forward transform with input and output in natural order. */
  transform(re: Float64Array, im: Float64Array): void {
    this.transformToSlots(re, im);
    if (this.simd) return;
    const reversed = this.binSlots;
    for (let i = 0; i < this.size; i++) {
      const j = reversed[i];
      if (j > i) {
        let t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
  }

  /**
   * Transform of window·x[xStart…] + i·window·y[yStart…] into (re, im), output as
   * `transformToSlots` leaves it. The first pass reads the samples itself, saving a copy of every
   * frame. The window may be shorter than the transform (zero padding).
   */
  transformWindowed(
    x: Float32Array,
    xStart: number,
    y: Float32Array,
    yStart: number,
    window: Float64Array,
    re: Float64Array,
    im: Float64Array,
  ): void {
    if (this.simd) {
      this.simd.transformWindowed(x, xStart, y, yStart, window, re, im);
      return;
    }
    const n = this.size;
    const quarters = this.stageQuarters;
    const first = quarters.length - 1;
    if (window.length !== n || first < 0) {
      for (let i = 0; i < window.length; i++) {
        re[i] = x[xStart + i] * window[i];
        im[i] = y[yStart + i] * window[i];
      }
      re.fill(0, window.length);
      im.fill(0, window.length);
      this.transformToSlots(re, im);
      return;
    }
    windowedFirstPass(
      x,
      xStart,
      y,
      yStart,
      window,
      re,
      im,
      this.twiddles,
      this.stageOffsets[first],
    );
    for (let s = first - 1; s >= 0; s--) {
      radix4Pass(re, im, n, quarters[s], this.twiddles, this.stageOffsets[s]);
    }
    if (this.trailingRadix2) radix2FinalPass(re, im, n);
    else radix4FinalPass(re, im, n);
  }

  /**
   * Smallest quarter length among the radix-4 stages with twiddles: 2 when a radix-2 pass ends the
   * transform, else 4 (the last stage, quarter length 1, has none).
   */
  private firstTwiddledQuarter(): number {
    return this.trailingRadix2 ? 2 : 4;
  }
}

// The passes are separate functions so each is optimised on its own, with stable type feedback.

/** One radix-4 DIF pass with quarter length h; outputs q = 0, 2, 1, 3 go to blocks 0, 1, 2, 3. */
function radix4Pass(
  re: Float64Array,
  im: Float64Array,
  n: number,
  h: number,
  tw: Float64Array,
  offset: number,
): void {
  const groupSize = 4 * h;
  for (let g = 0; g < n; g += groupSize) {
    for (let k = 0, t = offset; k < h; k++, t += 6) {
      const a0 = g + k;
      const a1 = a0 + h;
      const a2 = a1 + h;
      const a3 = a2 + h;
      const x0r = re[a0];
      const x0i = im[a0];
      const x1r = re[a1];
      const x1i = im[a1];
      const x2r = re[a2];
      const x2i = im[a2];
      const x3r = re[a3];
      const x3i = im[a3];
      const s02r = x0r + x2r;
      const s02i = x0i + x2i;
      const d02r = x0r - x2r;
      const d02i = x0i - x2i;
      const s13r = x1r + x3r;
      const s13i = x1i + x3i;
      const d13r = x1r - x3r;
      const d13i = x1i - x3i;
      re[a0] = s02r + s13r;
      im[a0] = s02i + s13i;
      let yr = s02r - s13r;
      let yi = s02i - s13i;
      re[a1] = yr * tw[t + 2] - yi * tw[t + 3];
      im[a1] = yr * tw[t + 3] + yi * tw[t + 2];
      yr = d02r + d13i;
      yi = d02i - d13r;
      re[a2] = yr * tw[t] - yi * tw[t + 1];
      im[a2] = yr * tw[t + 1] + yi * tw[t];
      yr = d02r - d13i;
      yi = d02i + d13r;
      re[a3] = yr * tw[t + 4] - yi * tw[t + 5];
      im[a3] = yr * tw[t + 5] + yi * tw[t + 4];
    }
  }
}

/** radix4Pass for the first stage (quarter length n/4, one group), loading windowed samples. */
function windowedFirstPass(
  x: Float32Array,
  xStart: number,
  y: Float32Array,
  yStart: number,
  w: Float64Array,
  re: Float64Array,
  im: Float64Array,
  tw: Float64Array,
  offset: number,
): void {
  const h = re.length / 4;
  for (let k = 0, t = offset; k < h; k++, t += 6) {
    const a1 = k + h;
    const a2 = a1 + h;
    const a3 = a2 + h;
    const x0r = x[xStart + k] * w[k];
    const x0i = y[yStart + k] * w[k];
    const x1r = x[xStart + a1] * w[a1];
    const x1i = y[yStart + a1] * w[a1];
    const x2r = x[xStart + a2] * w[a2];
    const x2i = y[yStart + a2] * w[a2];
    const x3r = x[xStart + a3] * w[a3];
    const x3i = y[yStart + a3] * w[a3];
    const s02r = x0r + x2r;
    const s02i = x0i + x2i;
    const d02r = x0r - x2r;
    const d02i = x0i - x2i;
    const s13r = x1r + x3r;
    const s13i = x1i + x3i;
    const d13r = x1r - x3r;
    const d13i = x1i - x3i;
    re[k] = s02r + s13r;
    im[k] = s02i + s13i;
    let yr = s02r - s13r;
    let yi = s02i - s13i;
    re[a1] = yr * tw[t + 2] - yi * tw[t + 3];
    im[a1] = yr * tw[t + 3] + yi * tw[t + 2];
    yr = d02r + d13i;
    yi = d02i - d13r;
    re[a2] = yr * tw[t] - yi * tw[t + 1];
    im[a2] = yr * tw[t + 1] + yi * tw[t];
    yr = d02r - d13i;
    yi = d02i + d13r;
    re[a3] = yr * tw[t + 4] - yi * tw[t + 5];
    im[a3] = yr * tw[t + 5] + yi * tw[t + 4];
  }
}

/** The last radix-4 pass, quarter length 1: every twiddle is 1. */
function radix4FinalPass(re: Float64Array, im: Float64Array, n: number): void {
  for (let a0 = 0; a0 < n; a0 += 4) {
    const s02r = re[a0] + re[a0 + 2];
    const s02i = im[a0] + im[a0 + 2];
    const d02r = re[a0] - re[a0 + 2];
    const d02i = im[a0] - im[a0 + 2];
    const s13r = re[a0 + 1] + re[a0 + 3];
    const s13i = im[a0 + 1] + im[a0 + 3];
    const d13r = re[a0 + 1] - re[a0 + 3];
    const d13i = im[a0 + 1] - im[a0 + 3];
    re[a0] = s02r + s13r;
    im[a0] = s02i + s13i;
    re[a0 + 1] = s02r - s13r;
    im[a0 + 1] = s02i - s13i;
    re[a0 + 2] = d02r + d13i;
    im[a0 + 2] = d02i - d13r;
    re[a0 + 3] = d02r - d13i;
    im[a0 + 3] = d02i + d13r;
  }
}

/** The last pass when log2(size) is odd: radix-2 butterflies on neighbours. */
function radix2FinalPass(re: Float64Array, im: Float64Array, n: number): void {
  for (let i = 0; i < n; i += 2) {
    const ar = re[i];
    const ai = im[i];
    const br = re[i + 1];
    const bi = im[i + 1];
    re[i] = ar + br;
    im[i] = ai + bi;
    re[i + 1] = ar - br;
    im[i + 1] = ai - bi;
  }
}

/** Periodic Hann window of the given length. */
export function hann(length: number): Float64Array {
  const w = new Float64Array(length);
  for (let i = 0; i < length; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / length);
  return w;
}

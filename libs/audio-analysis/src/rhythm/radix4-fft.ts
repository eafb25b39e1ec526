/**
 * In-place complex FFT for the rhythm STFTs: bit-reversal permutation, one radix-2 pass when
 * log2(size) is odd, then radix-4 decimation-in-time passes with per-pass twiddle tables read in
 * order. About twice as fast as the radix-2 `Fft` in dsp/, which matters at ~10 000 frames a track.
 */
export class Radix4Fft {
  readonly size: number;
  /** Index pairs (i, j), i < j, exchanged by the bit-reversal permutation. */
  private readonly swaps: Uint32Array;
  /** Per radix-4 pass (quarter size h), for k < h: W^k, W^2k, W^3k with W = e^(-2πi/4h), as (re, im). */
  private readonly twiddles: Float64Array;
  private readonly oddPower: boolean;

  constructor(size: number) {
    if (size < 4 || (size & (size - 1)) !== 0)
      throw new RangeError(`FFT size must be a power of two >= 4, got ${size}`);
    this.size = size;
    const bits = Math.log2(size);
    this.oddPower = bits % 2 === 1;
    const swaps: number[] = [];
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0, x = i; b < bits; b++, x >>= 1) r = (r << 1) | (x & 1);
      if (r > i) swaps.push(i, r);
    }
    this.swaps = Uint32Array.from(swaps);
    const values: number[] = [];
    for (let h = this.oddPower ? 2 : 1; h < size; h *= 4) {
      for (let k = 0; k < h; k++) {
        for (let p = 1; p <= 3; p++) {
          const angle = (-2 * Math.PI * p * k) / (4 * h);
          values.push(Math.cos(angle), Math.sin(angle));
        }
      }
    }
    this.twiddles = Float64Array.from(values);
  }

  /** Forward transform of (re, im), in place, natural order in and out. */
  transform(re: Float64Array, im: Float64Array): void {
    const swaps = this.swaps;
    for (let s = 0; s < swaps.length; s += 2) {
      const i = swaps[s];
      const j = swaps[s + 1];
      let t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
    const n = this.size;
    if (this.oddPower) {
      for (let i = 0; i < n; i += 2) {
        const ar = re[i];
        const ai = im[i];
        re[i] = ar + re[i + 1];
        im[i] = ai + im[i + 1];
        re[i + 1] = ar - re[i + 1];
        im[i + 1] = ai - im[i + 1];
      }
    }
    const tw = this.twiddles;
    let base = 0;
    for (let h = this.oddPower ? 2 : 1; h < n; h *= 4) {
      const group = 4 * h;
      for (let g = 0; g < n; g += group) {
        for (let k = 0, t = base; k < h; k++, t += 6) {
          // Bit-reversed blocks hold the sub-DFTs of residues 0, 2, 1, 3 (mod 4), in that order.
          const i0 = g + k;
          const i1 = i0 + h;
          const i2 = i1 + h;
          const i3 = i2 + h;
          const w1r = tw[t];
          const w1i = tw[t + 1];
          const w2r = tw[t + 2];
          const w2i = tw[t + 3];
          const w3r = tw[t + 4];
          const w3i = tw[t + 5];
          const ar = re[i0];
          const ai = im[i0];
          const br = re[i1] * w2r - im[i1] * w2i;
          const bi = re[i1] * w2i + im[i1] * w2r;
          const cr = re[i2] * w1r - im[i2] * w1i;
          const ci = re[i2] * w1i + im[i2] * w1r;
          const dr = re[i3] * w3r - im[i3] * w3i;
          const di = re[i3] * w3i + im[i3] * w3r;
          const sumAbR = ar + br;
          const sumAbI = ai + bi;
          const difAbR = ar - br;
          const difAbI = ai - bi;
          const sumCdR = cr + dr;
          const sumCdI = ci + di;
          // -i·(c - d)
          const rotR = ci - di;
          const rotI = dr - cr;
          re[i0] = sumAbR + sumCdR;
          im[i0] = sumAbI + sumCdI;
          re[i1] = difAbR + rotR;
          im[i1] = difAbI + rotI;
          re[i2] = sumAbR - sumCdR;
          im[i2] = sumAbI - sumCdI;
          re[i3] = difAbR - rotR;
          im[i3] = difAbI - rotI;
        }
      }
      base += 6 * h;
    }
  }
}

/** Float64 sums over a channel pair, from which every whole-file stereo figure follows. */
export interface StereoSums {
  /** Σ L² */
  left: number;
  /** Σ R² */
  right: number;
  /** Σ L·R */
  product: number;
  /** Σ (L+R)² (four times Σ M², M = (L+R)/2) */
  sum: number;
  /** Σ (L−R)² (four times Σ S², S = (L−R)/2) */
  difference: number;
}

/** One pass over both channels. Sum and difference are summed directly so identical channels give exactly zero side. */
export function stereoSums(left: Float32Array, right: Float32Array): StereoSums {
  let ll = 0;
  let rr = 0;
  let lr = 0;
  let mm = 0;
  let ss = 0;
  for (let i = 0, n = left.length; i < n; i++) {
    const l = left[i];
    const r = right[i];
    const m = l + r;
    const s = l - r;
    ll += l * l;
    rr += r * r;
    lr += l * r;
    mm += m * m;
    ss += s * s;
  }
  return { left: ll, right: rr, product: lr, sum: mm, difference: ss };
}

/** r = ΣLR / √(ΣL²·ΣR²), clamped to [−1, 1] against rounding; null when either side is silent. */
export function correlationOf(product: number, left: number, right: number): number | null {
  if (!(left > 0) || !(right > 0)) return null;
  return Math.max(-1, Math.min(1, product / Math.sqrt(left * right)));
}

export interface BiquadCoefficients {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/** Runs a biquad (direct form II transposed, float64 state) over input into output. */
export function biquad(
  input: ArrayLike<number>,
  output: Float64Array | Float32Array,
  c: BiquadCoefficients,
): void {
  const { b0, b1, b2, a1, a2 } = c;
  let z1 = 0;
  let z2 = 0;
  for (let i = 0, n = input.length; i < n; i++) {
    const x = input[i];
    const y = b0 * x + z1;
    z1 = b1 * x - a1 * y + z2;
    z2 = b2 * x - a2 * y;
    output[i] = y;
  }
}

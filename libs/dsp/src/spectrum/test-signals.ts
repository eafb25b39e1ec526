/**
 * Deterministic test signals with known spectra, for the spectrum and stereo tests.
 * Spectral shaping uses dsp/fft.ts, which its own tests check against a direct DFT.
 */
import { Fft } from '../math/fft.ts';

/** mulberry32: a small seeded generator, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gaussian white noise with standard deviation sigma (Box-Muller). */
export function whiteNoise(length: number, seed: number, sigma = 1): Float32Array {
  const random = seededRandom(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i += 2) {
    const radius = sigma * Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < length) out[i + 1] = radius * Math.sin(angle);
  }
  return out;
}

export function sine(
  length: number,
  sampleRate: number,
  frequencyHz: number,
  amplitude = 1,
  phase = 0,
): Float32Array {
  const out = new Float32Array(length);
  const step = (2 * Math.PI * frequencyHz) / sampleRate;
  for (let i = 0; i < length; i++) out[i] = amplitude * Math.sin(step * i + phase);
  return out;
}

export function add(...signals: Float32Array[]): Float32Array {
  const out = new Float32Array(signals[0].length);
  for (const signal of signals) for (let i = 0; i < out.length; i++) out[i] += signal[i];
  return out;
}

export function scale(signal: Float32Array, gain: number): Float32Array {
  return signal.map((x) => x * gain);
}

/**
 * Noise whose DFT magnitude over the whole signal is exactly `amplitude(f)` (random phases), so
 * its power in any band is known; length must be a power of two. Scaled to the given RMS.
 */
export function shapedNoise(
  length: number,
  sampleRate: number,
  amplitude: (frequencyHz: number) => number,
  seed: number,
  rms = 0.1,
): Float32Array {
  const random = seededRandom(seed);
  const re = new Float64Array(length);
  const im = new Float64Array(length);
  for (let k = 1; k < length / 2; k++) {
    const a = amplitude((k * sampleRate) / length);
    const phase = 2 * Math.PI * random();
    re[k] = a * Math.cos(phase);
    im[k] = a * Math.sin(phase);
    re[length - k] = re[k];
    im[length - k] = -im[k];
  }
  return realInverse(re, im, rms);
}

/** Keeps only the DFT bins of `signal` (length a power of two) with lowHz <= f < highHz. */
export function bandLimited(
  signal: Float32Array,
  sampleRate: number,
  lowHz: number,
  highHz: number,
): Float32Array {
  const n = signal.length;
  const re = Float64Array.from(signal);
  const im = new Float64Array(n);
  new Fft(n).transform(re, im);
  for (let k = 0; k <= n / 2; k++) {
    const f = (k * sampleRate) / n;
    if (f < lowHz || f >= highHz) {
      re[k] = im[k] = 0;
      if (k > 0) re[n - k] = im[n - k] = 0;
    }
  }
  return realInverse(re, im, null);
}

/** Inverse DFT of a Hermitian spectrum as conj(FFT(conj X)) / N; optionally scaled to an RMS. */
function realInverse(re: Float64Array, im: Float64Array, rms: number | null): Float32Array {
  const n = re.length;
  for (let k = 0; k < n; k++) im[k] = -im[k];
  new Fft(n).transform(re, im);
  let sumSquares = 0;
  for (let i = 0; i < n; i++) sumSquares += (re[i] / n) ** 2;
  const gain = rms === null ? 1 / n : rms / Math.sqrt(sumSquares / n) / n;
  return Float32Array.from(re, (x) => x * gain);
}

/** Σ a·b in float64. */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** Pearson-style correlation about zero, straight from the definition r = ΣLR / √(ΣL²·ΣR²). */
export function directCorrelation(left: Float32Array, right: Float32Array): number {
  return dot(left, right) / Math.sqrt(dot(left, left) * dot(right, right));
}

/** Every number in the value is finite (no NaN or ±Infinity anywhere). */
export function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}

/** The discrete Fourier transform by its definition, O(n²): the reference the FFTs are tested against. */
export function naiveDft(re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < n; t++) {
      // k·t reduced mod n keeps the angle small, so its cosine and sine stay exact at large n.
      const angle = (-2 * Math.PI * ((k * t) % n)) / n;
      outRe[k] += re[t] * Math.cos(angle) - im[t] * Math.sin(angle);
      outIm[k] += re[t] * Math.sin(angle) + im[t] * Math.cos(angle);
    }
  }
  return [outRe, outIm];
}

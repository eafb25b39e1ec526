import { stftLayout, transformFor } from './stft-layout.ts';

/** Long-term averaged spectra, one-sided, in mean square per bin (a bin range sums to a band's mean square). */
export interface AveragedSpectrum {
  sampleRate: number;
  fftSize: number;
  binHz: number;
  frameCount: number;
}

export interface PowerSpectrum extends AveragedSpectrum {
  power: Float64Array;
}

/** The two auto-spectra and the real part of the cross-spectrum of a channel pair. */
export interface PairSpectrum extends AveragedSpectrum {
  left: Float64Array;
  right: Float64Array;
  /** Re(L·R*): summed over a band, the band's Σ L·R. */
  cross: Float64Array;
}

/**
 * One STFT pass over a channel pair: each frame transforms L as the real part and R as the
 * imaginary part of one complex FFT, then separates the two spectra by conjugate symmetry.
 */
export function pairSpectrum(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
): PairSpectrum {
  const layout = stftLayout(left.length, sampleRate);
  const { fftSize: n, window, binCount } = layout;
  const fft = transformFor(n);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const powerL = new Float64Array(binCount);
  const powerR = new Float64Array(binCount);
  const cross = new Float64Array(binCount);
  const windowLength = window.length;

  // The transform leaves bin k at index slot[k].
  const slot = fft.bitReversed;

  for (const start of layout.starts) {
    for (let i = 0; i < windowLength; i++) {
      const w = window[i];
      re[i] = left[start + i] * w;
      im[i] = right[start + i] * w;
    }
    if (windowLength < n) {
      re.fill(0, windowLength);
      im.fill(0, windowLength);
    }
    fft.transformToBitReversed(re, im);
    for (let k = 0; k < binCount; k++) {
      const p = slot[k];
      const q = slot[(n - k) & (n - 1)];
      const ar = re[p];
      const ai = im[p];
      const br = re[q];
      const bi = im[q];
      // With Z = FFT(l + i·r): L_k = (Z_k + conj Z_{N−k}) / 2, R_k = (Z_k − conj Z_{N−k}) / 2i.
      const lr = ar + br;
      const li = ai - bi;
      const rr = ai + bi;
      const ri = br - ar;
      powerL[k] += lr * lr + li * li;
      powerR[k] += rr * rr + ri * ri;
      cross[k] += lr * rr + li * ri;
    }
  }

  for (let k = 0; k < binCount; k++) {
    // The separation above skipped its factor 1/2 per spectrum: 1/4 on every product.
    const scale = layout.binScale(k) / 4;
    powerL[k] *= scale;
    powerR[k] *= scale;
    cross[k] *= scale;
  }
  return {
    sampleRate,
    fftSize: n,
    binHz: layout.binHz,
    frameCount: layout.starts.length,
    left: powerL,
    right: powerR,
    cross,
  };
}

/** Power spectrum of the mean of the given channels; frames go through the FFT two at a time. */
export function meanPowerSpectrum(channels: Float32Array[], sampleRate: number): PowerSpectrum {
  const length = channels.length > 0 ? channels[0].length : 0;
  const layout = stftLayout(length, sampleRate);
  const { fftSize: n, window, binCount, starts } = layout;
  const fft = transformFor(n);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const power = new Float64Array(binCount);
  const windowLength = window.length;
  const gain = channels.length > 0 ? 1 / channels.length : 0;

  const slot = fft.bitReversed;
  const fillFrame = (target: Float64Array, start: number): void => {
    const first = channels[0];
    for (let i = 0; i < windowLength; i++) target[i] = first[start + i];
    for (let c = 1; c < channels.length; c++) {
      const channel = channels[c];
      for (let i = 0; i < windowLength; i++) target[i] += channel[start + i];
    }
    for (let i = 0; i < windowLength; i++) target[i] *= window[i] * gain;
    if (windowLength < n) target.fill(0, windowLength);
  };

  for (let f = 0; f < starts.length; f += 2) {
    fillFrame(re, starts[f]);
    if (f + 1 < starts.length) fillFrame(im, starts[f + 1]);
    else im.fill(0);
    fft.transformToBitReversed(re, im);
    for (let k = 0; k < binCount; k++) {
      // Two real frames A + iB: |A_k|² + |B_k|² = (|Z_k|² + |Z_{N−k}|²) / 2.
      const p = slot[k];
      const q = slot[(n - k) & (n - 1)];
      power[k] += (re[p] * re[p] + im[p] * im[p] + re[q] * re[q] + im[q] * im[q]) / 2;
    }
  }

  for (let k = 0; k < binCount; k++) power[k] *= layout.binScale(k);
  return { sampleRate, fftSize: n, binHz: layout.binHz, frameCount: starts.length, power };
}

/** Power spectrum of the mono sum (L+R)/2: (|L|² + |R|² + 2·Re(L·R*)) / 4. */
export function monoSumSpectrum(pair: PairSpectrum): PowerSpectrum {
  const { left, right, cross } = pair;
  const power = new Float64Array(left.length);
  for (let k = 0; k < power.length; k++)
    power[k] = Math.max(0, (left[k] + right[k] + 2 * cross[k]) / 4);
  return {
    sampleRate: pair.sampleRate,
    fftSize: pair.fftSize,
    binHz: pair.binHz,
    frameCount: pair.frameCount,
    power,
  };
}

/** Power spectrum of the side signal (L−R)/2. */
export function sideSpectrum(pair: PairSpectrum): PowerSpectrum {
  const { left, right, cross } = pair;
  const power = new Float64Array(left.length);
  for (let k = 0; k < power.length; k++)
    power[k] = Math.max(0, (left[k] + right[k] - 2 * cross[k]) / 4);
  return {
    sampleRate: pair.sampleRate,
    fftSize: pair.fftSize,
    binHz: pair.binHz,
    frameCount: pair.frameCount,
    power,
  };
}

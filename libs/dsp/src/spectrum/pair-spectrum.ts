import { stftLayout, transformFor } from './stft-layout.ts';

/** Long-term averaged one-sided spectra in mean square per bin: a bin range sums to a band's mean square. */
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

/** Unscaled per-bin sums of a channel pair's frames: what a share of the STFT contributes. */
export interface PairSums {
  left: Float64Array;
  right: Float64Array;
  cross: Float64Array;
}

/** Which of `count` equal runs of frames to transform, so several threads can share one STFT. */
export interface FrameShare {
  index: number;
  count: number;
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
  return pairSpectrumFromSums([sumPairFrames(left, right, sampleRate)], left.length, sampleRate);
}

/** Sums the frames of one share of the pair's STFT. */
export function sumPairFrames(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
  share: FrameShare = { index: 0, count: 1 },
): PairSums {
  const layout = stftLayout(left.length, sampleRate);
  const { fftSize: n, window, binCount, starts } = layout;
  const fft = transformFor(n);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const sums: PairSums = {
    left: new Float64Array(binCount),
    right: new Float64Array(binCount),
    cross: new Float64Array(binCount),
  };
  const from = Math.floor((starts.length * share.index) / share.count);
  const to = Math.floor((starts.length * (share.index + 1)) / share.count);
  for (let f = from; f < to; f++) {
    fft.transformWindowed(left, starts[f], right, starts[f], window, re, im);
    accumulatePair(re, im, fft.binSlots, sums.left, sums.right, sums.cross);
  }
  return sums;
}

/** Adds up the shares of a pair's STFT and scales the sums to mean square per bin. */
export function pairSpectrumFromSums(
  shares: PairSums[],
  length: number,
  sampleRate: number,
): PairSpectrum {
  const layout = stftLayout(length, sampleRate);
  const { binCount } = layout;
  const powerL = new Float64Array(binCount);
  const powerR = new Float64Array(binCount);
  const cross = new Float64Array(binCount);
  for (let k = 0; k < binCount; k++) {
    // accumulatePair skips the separation's factor 1/2 per spectrum: 1/4 on every product.
    const scale = layout.binScale(k) / 4;
    for (const share of shares) {
      powerL[k] += share.left[k] * scale;
      powerR[k] += share.right[k] * scale;
      cross[k] += share.cross[k] * scale;
    }
  }
  return {
    sampleRate,
    fftSize: layout.fftSize,
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
  // A frame's samples: the channel itself, or the mean of several computed into a scratch buffer.
  const scratch = [new Float32Array(window.length), new Float32Array(window.length)];
  const frame = (f: number, slot: 0 | 1): [Float32Array, number] => {
    if (f >= starts.length) return [scratch[slot].fill(0), 0];
    if (channels.length === 1) return [channels[0], starts[f]];
    meanOfChannels(scratch[slot], channels, starts[f]);
    return [scratch[slot], 0];
  };

  for (let f = 0; f < starts.length; f += 2) {
    const [x, xStart] = frame(f, 0);
    const [y, yStart] = frame(f + 1, 1);
    fft.transformWindowed(x, xStart, y, yStart, window, re, im);
    accumulateFramePair(re, im, fft.binSlots, power);
  }

  for (let k = 0; k < binCount; k++) power[k] *= layout.binScale(k);
  return { sampleRate, fftSize: n, binHz: layout.binHz, frameCount: starts.length, power };
}

/** Power spectrum of the mono sum (L+R)/2: (|L|² + |R|² + 2·Re(L·R*)) / 4. */
export function monoSumSpectrum(pair: PairSpectrum): PowerSpectrum {
  const { left, right, cross, sampleRate, fftSize, binHz, frameCount } = pair;
  const power = new Float64Array(left.length);
  for (let k = 0; k < power.length; k++)
    power[k] = Math.max(0, (left[k] + right[k] + 2 * cross[k]) / 4);
  return { sampleRate, fftSize, binHz, frameCount, power };
}

// The per-frame loops are small module-level functions so each is optimised on its own.

function meanOfChannels(target: Float32Array, channels: Float32Array[], start: number): void {
  const length = target.length;
  const gain = 1 / channels.length;
  for (let i = 0; i < length; i++) {
    let sum = 0;
    for (let c = 0; c < channels.length; c++) sum += channels[c][start + i];
    target[i] = sum * gain;
  }
}

/**
 * Adds one frame's |2L_k|², |2R_k|² and Re(2L_k · conj 2R_k), where Z = FFT(l + i·r) sits at
 * slot[k] and L_k = (Z_k + conj Z_{N−k}) / 2, R_k = (Z_k − conj Z_{N−k}) / 2i.
 */
export function accumulatePair(
  re: Float64Array,
  im: Float64Array,
  slot: Uint32Array,
  powerL: Float64Array,
  powerR: Float64Array,
  cross: Float64Array,
): void {
  const n = re.length;
  for (let k = 0; k < powerL.length; k++) {
    const p = slot[k];
    const q = slot[(n - k) & (n - 1)];
    const ar = re[p];
    const ai = im[p];
    const br = re[q];
    const bi = im[q];
    const lr = ar + br;
    const li = ai - bi;
    const rr = ai + bi;
    const ri = br - ar;
    powerL[k] += lr * lr + li * li;
    powerR[k] += rr * rr + ri * ri;
    cross[k] += lr * rr + li * ri;
  }
}

/** Adds |A_k|² + |B_k|² of two real frames transformed as Z = FFT(a + i·b): (|Z_k|² + |Z_{N−k}|²) / 2. */
function accumulateFramePair(
  re: Float64Array,
  im: Float64Array,
  slot: Uint32Array,
  power: Float64Array,
): void {
  const n = re.length;
  for (let k = 0; k < power.length; k++) {
    const p = slot[k];
    const q = slot[(n - k) & (n - 1)];
    power[k] += (re[p] * re[p] + im[p] * im[p] + re[q] * re[q] + im[q] * im[q]) / 2;
  }
}

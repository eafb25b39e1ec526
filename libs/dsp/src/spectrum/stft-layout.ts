import { Fft, hann } from '../math/fft.ts';

/** Finest bin spacing the band split needs: coarser bins let a 55 Hz kick leak across 60 Hz. */
export const MAX_BIN_HZ = 3;

/** Frames of one long-window STFT over a signal: Hann windows, 50 % overlap. */
export interface StftLayout {
  fftSize: number;
  binHz: number;
  /** Bins 0..fftSize/2 inclusive. */
  binCount: number;
  /** Window length: fftSize, or the whole signal when it is shorter (zero-padded to fftSize). */
  window: Float64Array;
  /** Frame start offsets in samples. */
  starts: number[];
  /**
   * Multiplies an accumulated |X_k|² so that bins hold mean square per bin (one-sided, averaged
   * over frames): summing a bin range gives that band's mean square, a full-scale sine 0.5.
   */
  binScale(k: number): number;
}

/** Smallest power of two whose bins are at most MAX_BIN_HZ apart: 16384 at 44.1 and 48 kHz. */
export function fftSizeFor(sampleRate: number): number {
  let size = 4;
  while (sampleRate / size > MAX_BIN_HZ) size *= 2;
  return size;
}

/** Frames at hop fftSize/2 from 0, plus one aligned to the end so the tail is covered too. */
export function stftLayout(length: number, sampleRate: number): StftLayout {
  const fftSize = fftSizeFor(sampleRate);
  const windowLength = Math.min(fftSize, length);
  const window = hann(windowLength);
  const starts: number[] = [];
  if (windowLength > 0) {
    const hop = fftSize / 2;
    for (let start = 0; start + windowLength <= length; start += hop) starts.push(start);
    const last = starts[starts.length - 1];
    if (last + windowLength < length) starts.push(length - windowLength);
  }
  let windowPower = 0;
  for (let i = 0; i < windowLength; i++) windowPower += window[i] * window[i];
  // Parseval: Σ_k |X_k|² = N · Σ (w·x)², and Σ (w·x)² ≈ Σw² · mean square.
  const base =
    windowPower > 0 && starts.length > 0 ? 1 / (fftSize * windowPower * starts.length) : 0;
  const nyquistBin = fftSize / 2;
  return {
    fftSize,
    binHz: sampleRate / fftSize,
    binCount: nyquistBin + 1,
    window,
    starts,
    binScale: (k) => (k === 0 || k === nyquistBin ? base : 2 * base),
  };
}

const transforms = new Map<number, Fft>();

/** One transform per size per thread: building the tables costs more than a frame. */
export function transformFor(size: number): Fft {
  let fft = transforms.get(size);
  if (!fft) {
    fft = new Fft(size);
    transforms.set(size, fft);
  }
  return fft;
}

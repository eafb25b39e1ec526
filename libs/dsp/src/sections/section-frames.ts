import { hann } from '../math/fft.ts';
import { bandSums } from '../spectrum/bands.ts';
import { centroidBin } from '../spectrum/meyda-features.ts';
import { accumulatePair } from '../spectrum/pair-spectrum.ts';
import { transformFor } from '../spectrum/stft-layout.ts';
import { addChroma, chromaWeights } from '../key/chroma.ts';

/** Shortest frame: sections are seconds long, finer frames only add noise and cost. */
export const MIN_FRAME_SEC = 0.5;
/** Most frames: bounds the self-similarity matrix (and the stored spectra) for any length. */
export const MAX_FRAMES = 600;
/** Windows transformed per frame: a sample of the frame, enough for its chroma, timbre and level. */
export const WINDOWS_PER_FRAME = 1;
/** Bins at most this far apart: ~11 Hz at 44.1 and 48 kHz, enough for chroma above 60 Hz. */
const FRAME_BIN_HZ = 12;

export const CHROMA_DIMS = 12;
/** Six band levels relative to the frame and the spectral centroid. */
export const TIMBRE_DIMS = 7;

/** Per-frame features and the spectra a section's figures are summed from. */
export interface SectionFrames {
  sampleRate: number;
  frameCount: number;
  /** Samples per frame; the last frame also takes the remainder of the file. */
  hop: number;
  length: number;
  fftSize: number;
  binCount: number;
  /** Σ|L|², Σ|R|², ΣRe(L·R*) per frame and bin (frame-major), unscaled. */
  left: Float32Array;
  right: Float32Array;
  cross: Float32Array;
  chroma: Float32Array;
  timbre: Float32Array;
  /** Frame level in dB (mono sum, unweighted). */
  level: Float32Array;
}

/** Frames over a channel pair (a mono file passes its channel twice). */
export function sectionFrames(
  left: Float32Array,
  right: Float32Array,
  sampleRate: number,
): SectionFrames {
  const length = left.length;
  const hop = Math.max(Math.round(MIN_FRAME_SEC * sampleRate), Math.ceil(length / MAX_FRAMES));
  const frameCount = Math.floor(length / hop);
  let fftSize = 4;
  while (sampleRate / fftSize > FRAME_BIN_HZ) fftSize *= 2;
  const windowLength = Math.min(fftSize, hop);
  const window = hann(windowLength);
  const fft = transformFor(fftSize);
  const binCount = fftSize / 2 + 1;
  const re = new Float64Array(fftSize);
  const im = new Float64Array(fftSize);
  const frames: SectionFrames = {
    sampleRate,
    frameCount,
    hop,
    length,
    fftSize,
    binCount,
    left: new Float32Array(frameCount * binCount),
    right: new Float32Array(frameCount * binCount),
    cross: new Float32Array(frameCount * binCount),
    chroma: new Float32Array(frameCount * CHROMA_DIMS),
    timbre: new Float32Array(frameCount * TIMBRE_DIMS),
    level: new Float32Array(frameCount),
  };
  const l = new Float64Array(binCount);
  const r = new Float64Array(binCount);
  const c = new Float64Array(binCount);
  const mono = new Float64Array(binCount);
  const amplitude = new Float32Array(binCount);
  const chromaBank = chromaWeights(sampleRate, fftSize);
  const spacing = Math.max(0, hop - windowLength) / WINDOWS_PER_FRAME;

  for (let f = 0; f < frameCount; f++) {
    l.fill(0);
    r.fill(0);
    c.fill(0);
    for (let w = 0; w < WINDOWS_PER_FRAME; w++) {
      const start = f * hop + Math.round(spacing * (w + 0.5));
      fft.transformWindowed(left, start, right, start, window, re, im);
      accumulatePair(re, im, fft.binSlots, l, r, c);
    }
    const at = f * binCount;
    for (let k = 0; k < binCount; k++) {
      frames.left[at + k] = l[k];
      frames.right[at + k] = r[k];
      frames.cross[at + k] = c[k];
      mono[k] = Math.max(0, l[k] + r[k] + 2 * c[k]);
      amplitude[k] = Math.sqrt(mono[k]);
    }
    frameFeatures(frames, f, mono, amplitude, chromaBank);
  }
  return frames;
}

function frameFeatures(
  frames: SectionFrames,
  f: number,
  mono: Float64Array,
  amplitude: Float32Array,
  chromaBank: ReturnType<typeof chromaWeights>,
): void {
  const binHz = frames.sampleRate / frames.fftSize;
  const sums = bandSums(mono, binHz);
  const total = sums.reduce<number>((acc, s) => acc + (s ?? 0), 0);
  // A floor keeps silent frames finite and alike.
  const floor = 1e-12;
  frames.level[f] = 10 * Math.log10(total + floor);
  sums.forEach((sum, i) => {
    frames.timbre[f * TIMBRE_DIMS + i] = 10 * Math.log10(((sum ?? 0) + floor) / (total + floor));
  });
  const centroid = total > floor ? centroidBin(amplitude) * binHz : 0;
  frames.timbre[f * TIMBRE_DIMS + 6] = Math.log2(Math.max(centroid, 20));

  addChroma(mono, chromaBank, frames.chroma, f * CHROMA_DIMS);
  let chromaSum = 0;
  for (let p = 0; p < CHROMA_DIMS; p++) chromaSum += frames.chroma[f * CHROMA_DIMS + p];
  if (chromaSum > 0) {
    for (let p = 0; p < CHROMA_DIMS; p++) frames.chroma[f * CHROMA_DIMS + p] /= chromaSum;
  }
}

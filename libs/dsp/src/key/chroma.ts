import { createChromaFilterBank } from 'meyda/dist/node/utilities.js';

/** Octave the chroma weighting centres on, counted from A0: 4 is A4 (440 Hz). */
const CENTER_OCTAVE = 4;
/** Standard deviation of the octave weighting, in octaves: bass notes still count, hiss does not. */
const OCTAVE_WIDTH = 2;
/** Weights below this share of a bin's largest weight are dropped to keep frames cheap. */
const SPARSE_THRESHOLD = 1e-3;

/** meyda's chroma filter bank (pitch class 0 = C), stored sparsely: per bin, its pitch classes and weights. */
export interface ChromaWeights {
  binCount: number;
  /** Entries of bin k are at [starts[k], starts[k+1]). */
  starts: Int32Array;
  pitchClasses: Uint8Array;
  weights: Float32Array;
}

const cache = new Map<string, ChromaWeights>();

/** The sparse filter bank for this rate and FFT size, built once per process. */
export function chromaWeights(sampleRate: number, fftSize: number): ChromaWeights {
  const id = `${sampleRate}/${fftSize}`;
  let weights = cache.get(id);
  if (!weights) {
    weights = buildChromaWeights(sampleRate, fftSize);
    cache.set(id, weights);
  }
  return weights;
}

function buildChromaWeights(sampleRate: number, fftSize: number): ChromaWeights {
  const bank = createChromaFilterBank(12, sampleRate, fftSize, CENTER_OCTAVE, OCTAVE_WIDTH, true);
  const binCount = fftSize / 2 + 1;
  const starts = new Int32Array(binCount + 1);
  const pitchClasses: number[] = [];
  const weights: number[] = [];
  let largest = 0;
  for (const row of bank) for (let k = 1; k < binCount; k++) largest = Math.max(largest, row[k]);
  // Bin 0 (DC) carries no pitch.
  starts[0] = 0;
  starts[1] = 0;
  for (let k = 1; k < binCount; k++) {
    for (let pc = 0; pc < 12; pc++) {
      const w = bank[pc][k];
      if (w > SPARSE_THRESHOLD * largest) {
        pitchClasses.push(pc);
        weights.push(w);
      }
    }
    starts[k + 1] = weights.length;
  }
  return {
    binCount,
    starts,
    pitchClasses: Uint8Array.from(pitchClasses),
    weights: Float32Array.from(weights),
  };
}

/** Adds the chroma of one power spectrum (amplitude-weighted, as meyda's chroma) into `into[offset…offset+12]`. */
export function addChroma(
  power: Float64Array,
  bank: ChromaWeights,
  into: Float32Array,
  offset: number,
): void {
  const { starts, pitchClasses, weights } = bank;
  for (let k = 1; k < bank.binCount; k++) {
    const end = starts[k + 1];
    if (end === starts[k]) continue;
    const amplitude = Math.sqrt(power[k]);
    for (let e = starts[k]; e < end; e++) into[offset + pitchClasses[e]] += amplitude * weights[e];
  }
}

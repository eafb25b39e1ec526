// Each extractor from its own CommonJS module: meyda's main module loads every feature and its
// audio-context wrapper, which costs a measure worker about 30 ms of start-up for two functions.
import spectralCentroid from 'meyda/dist/node/extractors/spectralCentroid.js';
import spectralFlatness from 'meyda/dist/node/extractors/spectralFlatness.js';

/** Amplitude-weighted mean bin index of the spectrum (meyda `spectralCentroid`). */
export function centroidBin(amplitude: Float32Array): number {
  return spectralCentroid({ ampSpectrum: amplitude });
}

/** Geometric over arithmetic mean of the amplitudes, 0-1 (meyda `spectralFlatness`). */
export function amplitudeFlatness(amplitude: Float32Array): number {
  return spectralFlatness({ ampSpectrum: amplitude });
}

import meydaModule from 'meyda';

type AmplitudeFeature = (args: { ampSpectrum: Float32Array }) => number;

interface MeydaExtractors {
  spectralCentroid: AmplitudeFeature;
  spectralFlatness: AmplitudeFeature;
}

// meyda ships CommonJS with declarations that say `export default`: Node's ESM default import is
// the Meyda object itself, while TypeScript types it as the module namespace holding `default`.
type MeydaModule = { featureExtractors: MeydaExtractors };
const loaded = meydaModule as unknown as MeydaModule | { default: MeydaModule };
const meyda = 'featureExtractors' in loaded ? loaded : loaded.default;

/** Amplitude-weighted mean bin index of the spectrum (meyda `spectralCentroid`). */
export function centroidBin(amplitude: Float32Array): number {
  return meyda.featureExtractors.spectralCentroid({ ampSpectrum: amplitude });
}

/** Geometric over arithmetic mean of the amplitudes, 0-1 (meyda `spectralFlatness`). */
export function amplitudeFlatness(amplitude: Float32Array): number {
  return meyda.featureExtractors.spectralFlatness({ ampSpectrum: amplitude });
}

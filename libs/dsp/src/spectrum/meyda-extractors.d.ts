// meyda's CommonJS build has one module per extractor; the package types only its ESM build.
declare module 'meyda/dist/node/extractors/spectralCentroid.js' {
  /** Amplitude-weighted mean bin index. */
  export default function spectralCentroid(args: { ampSpectrum: Float32Array }): number;
}
declare module 'meyda/dist/node/extractors/spectralFlatness.js' {
  /** Geometric over arithmetic mean of the amplitudes. */
  export default function spectralFlatness(args: { ampSpectrum: Float32Array }): number;
}

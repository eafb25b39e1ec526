// meyda's CommonJS build exports its helpers from this file; the package types only its ESM build.
declare module 'meyda/dist/node/utilities.js' {
  /**
   * Chroma filter bank (rows: pitch classes from C when baseC, columns: FFT bins 0…bufferSize/2),
   * Gaussian in pitch around each bin, weighted by a Gaussian over octaves around `centerOctave`
   * (octaves counted from A0 = 27.5 Hz).
   */
  export function createChromaFilterBank(
    numFilters: number,
    sampleRate: number,
    bufferSize: number,
    centerOctave?: number,
    octaveWidth?: number,
    baseC?: boolean,
    A440?: number,
  ): number[][];
}

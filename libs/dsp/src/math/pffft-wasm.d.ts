// @echogarden/pffft-wasm ships its Emscripten build without type declarations.
declare module '@echogarden/pffft-wasm/simd' {
  import type { PffftModule } from './simd-fft.ts';
  /** Instantiates the module (its .wasm file sits beside the script). */
  export default function createPffft(): Promise<PffftModule>;
}

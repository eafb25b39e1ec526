import createPffft from '@echogarden/pffft-wasm/simd';
import { installSimdFft } from '@mixscope/dsp';

/**
 * Loads PFFFT's WebAssembly SIMD build and makes it this thread's FFT (see
 * libs/dsp/src/math/simd-fft.ts). Node 20 runs WebAssembly SIMD on every x86-64 and arm64 CPU.
 */
export async function loadSimdFft(): Promise<void> {
  installSimdFft(await createPffft());
}

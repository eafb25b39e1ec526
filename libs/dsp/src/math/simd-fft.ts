/**
 * The SIMD backend of Fft: PFFFT (a SIMD FFT library) compiled to WebAssembly, from the npm package
 * @echogarden/pffft-wasm. WebAssembly loads asynchronously, and this library is also bundled for
 * the browser, so it does not load the package itself: the measure workers do
 * (libs/measure/src/simd-fft-backend.ts) and install it here before their first task. Until then,
 * and for any caller that never installs it, Fft runs its own radix-4 transform.
 * On the spectrum's 16384-point frames, copies included, it takes about 0.6 times the CPU time of
 * the radix-4 transform (bench/fft.bench.mjs, docs/benchmarks.md).
 */

/** What Fft uses of the package's Emscripten module. */
export interface PffftModule {
  HEAPF32: Float32Array;
  /** transform: 0 real, 1 complex; returns 0 for a size the library cannot do. */
  _pffft_new_setup(size: number, transform: number): number;
  _pffft_aligned_malloc(bytes: number): number;
  /** direction: 0 forward. Interleaved (re, im) single-precision input and output, natural order. */
  _pffft_transform_ordered(
    setup: number,
    input: number,
    output: number,
    work: number,
    direction: number,
  ): void;
}

const COMPLEX = 1;
const FORWARD = 0;
/** PFFFT's SIMD complex transform needs a multiple of 16 points; smaller sizes stay in JavaScript. */
const MIN_SIZE = 32;

let backend: PffftModule | null = null;
const transforms = new Map<number, SimdTransform>();

/** Routes every Fft of a supported size created from now on through PFFFT. */
export function installSimdFft(module: PffftModule): void {
  backend = module;
}

/** The thread's PFFFT transform of this size, or null without the backend. */
export function simdTransformFor(size: number): SimdTransform | null {
  if (!backend || size < MIN_SIZE) return null;
  let transform = transforms.get(size);
  if (!transform) {
    const setup = backend._pffft_new_setup(size, COMPLEX);
    if (setup === 0) return null;
    transform = new SimdTransform(backend, size, setup);
    transforms.set(size, transform);
  }
  return transform;
}

/** One size's PFFFT setup and its buffers in the module's memory; results in natural order. */
export class SimdTransform {
  private readonly input: number;
  private readonly output: number;
  private readonly work: number;

  constructor(
    private readonly module: PffftModule,
    private readonly size: number,
    private readonly setup: number,
  ) {
    const bytes = 2 * size * Float32Array.BYTES_PER_ELEMENT;
    this.input = module._pffft_aligned_malloc(bytes);
    this.output = module._pffft_aligned_malloc(bytes);
    this.work = module._pffft_aligned_malloc(bytes);
  }

  transform(re: Float64Array, im: Float64Array): void {
    const input = this.view(this.input);
    for (let i = 0, j = 0; i < this.size; i++, j += 2) {
      input[j] = re[i];
      input[j + 1] = im[i];
    }
    this.run(re, im);
  }

  /** Transform of window·x[xStart…] + i·window·y[yStart…], zero-padded past the window. */
  transformWindowed(
    x: Float32Array,
    xStart: number,
    y: Float32Array,
    yStart: number,
    window: Float64Array,
    re: Float64Array,
    im: Float64Array,
  ): void {
    const input = this.view(this.input);
    const length = window.length;
    for (let i = 0, j = 0; i < length; i++, j += 2) {
      input[j] = x[xStart + i] * window[i];
      input[j + 1] = y[yStart + i] * window[i];
    }
    input.fill(0, 2 * length);
    this.run(re, im);
  }

  private run(re: Float64Array, im: Float64Array): void {
    this.module._pffft_transform_ordered(this.setup, this.input, this.output, this.work, FORWARD);
    const output = this.view(this.output);
    for (let i = 0, j = 0; i < this.size; i++, j += 2) {
      re[i] = output[j];
      im[i] = output[j + 1];
    }
  }

  /** A view of one buffer; made per call, since growing the module's memory detaches old views. */
  private view(pointer: number): Float32Array {
    return new Float32Array(this.module.HEAPF32.buffer, pointer, 2 * this.size);
  }
}

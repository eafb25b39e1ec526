import { Fft, hann } from '../math/fft.ts';

export interface FrameLayout {
  /** Window and FFT length (a power of two). */
  size: number;
  hop: number;
}

/** Frames are centred on multiples of the hop (frame i at i·hop), zero-padded past either end. */
export function frameCount(length: number, hop: number): number {
  return length > 0 ? Math.floor((length - 1) / hop) + 1 : 0;
}

/**
 * Calls `visit(frame, power)` with the Hann-windowed power spectrum (bins 0…size/2) of every frame.
 * Two real frames share one complex FFT (one in the real part, one in the imaginary part), which
 * halves the cost. `power` is reused between calls.
 */
export function forEachPowerSpectrum(
  signal: Float32Array,
  layout: FrameLayout,
  visit: (frame: number, power: Float64Array) => void,
): void {
  const { size, hop } = layout;
  const fft = new Fft(size);
  const window = hann(size);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const powerA = new Float64Array(size / 2 + 1);
  const powerB = new Float64Array(size / 2 + 1);
  const count = frameCount(signal.length, hop);
  const half = size / 2;
  for (let frame = 0; frame < count; frame += 2) {
    loadFrame(signal, frame * hop - half, window, re);
    const hasSecond = frame + 1 < count;
    if (hasSecond) loadFrame(signal, (frame + 1) * hop - half, window, im);
    else im.fill(0);
    fft.transform(re, im);
    separatePowers(re, im, powerA, powerB);
    visit(frame, powerA);
    if (hasSecond) visit(frame + 1, powerB);
  }
}

/**
 * |A_k|² and |B_k|², bins 0…size/2, of the two real frames in Z = FFT(a + i·b) (natural order).
 * A function of its own, so the per-frame work runs in fully optimised code, not in the
 * on-stack-replaced code of the loop over the whole signal.
 */
function separatePowers(
  re: Float64Array,
  im: Float64Array,
  powerA: Float64Array,
  powerB: Float64Array,
): void {
  const size = re.length;
  for (let k = 0; k < powerA.length; k++) {
    const j = (size - k) & (size - 1);
    const aRe = re[k] + re[j];
    const aIm = im[k] - im[j];
    const bRe = im[k] + im[j];
    const bIm = re[k] - re[j];
    powerA[k] = 0.25 * (aRe * aRe + aIm * aIm);
    powerB[k] = 0.25 * (bRe * bRe + bIm * bIm);
  }
}

function loadFrame(
  signal: Float32Array,
  start: number,
  window: Float64Array,
  into: Float64Array,
): void {
  const size = window.length;
  if (start >= 0 && start + size <= signal.length) {
    for (let i = 0; i < size; i++) into[i] = signal[start + i] * window[i];
    return;
  }
  for (let i = 0; i < size; i++) {
    const t = start + i;
    into[i] = t >= 0 && t < signal.length ? signal[t] * window[i] : 0;
  }
}

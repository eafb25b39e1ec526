/**
 * Pitch-class profile from spectral peaks, after percussion is suppressed (docs/measurement.md#key).
 *
 * Summing every FFT bin into pitch classes lets broadband drum energy reach all twelve, and a loud
 * kit then outweighs the harmony. Here only spectral peaks count, each weighed by a harmonic/percussive
 * mask from median filtering (Fitzgerald, "Harmonic/percussive separation using median filtering",
 * 2010): the median of the bin over five frames in time (what a held note keeps) against the median
 * over its neighbouring bins (what a broadband hit spreads). The mask is evaluated at the peaks only,
 * which keeps it cheap. A peak then adds to its own pitch class and, with falling weights, to those
 * of the fundamentals it may be a harmonic of (as in Gómez's HPCP): the 3rd harmonic of C is a G,
 * and the weighting gives C its share back.
 */

/** Frames each side of the time median: 5 frames (~0.9 s at the chroma hop) in all. */
const TIME_MEDIAN_HALF = 2;
/** Bins each side of the frequency median (~±22 Hz at 2.7 Hz bins). */
const FREQUENCY_MEDIAN_HALF = 8;
const LOWEST_HZ = 55;
const HIGHEST_HZ = 2500;
/** Peaks this far below the frame's strongest (in amplitude) are left out: −40 dB. */
const PEAK_FLOOR = 0.01;
const MAX_PEAKS = 30;
/** A peak at f counts for the fundamentals f/1 … f/HARMONICS with weight HARMONIC_DECAY^(h−1). */
const HARMONICS = 4;
const HARMONIC_DECAY = 0.6;
/** Frames quieter than this share of the loudest frame's peak energy are left out (silence, tails). */
const QUIET_FRAME = 1e-4;

export interface PitchProfileLayout {
  sampleRate: number;
  fftSize: number;
}

/**
 * Accumulates the profile frame by frame (push each power spectrum in order, then finish). Frame t
 * is measured when frame t + TIME_MEDIAN_HALF arrives, so only five spectra are ever held.
 */
export class PitchProfileAccumulator {
  private readonly lo: number;
  private readonly hi: number;
  private readonly binHz: number;
  private readonly history: Float64Array[] = [];
  private readonly frames: Float64Array[] = [];
  private readonly frameEnergy: number[] = [];
  private readonly scratch = new Float64Array(2 * FREQUENCY_MEDIAN_HALF + 1);
  private readonly timeScratch = new Float64Array(2 * TIME_MEDIAN_HALF + 1);
  private readonly sortScratch = new Float64Array(2 * FREQUENCY_MEDIAN_HALF + 1);
  private candidates = new Int32Array(0);
  private amplitudeScratch = new Float64Array(0);
  /** Per harmonic h, the pitch-class offset of f/h from f, in semitones. */
  private readonly harmonicShift = Array.from(
    { length: HARMONICS },
    (_, h) => 12 * Math.log2(h + 1),
  );

  constructor(layout: PitchProfileLayout) {
    this.binHz = layout.sampleRate / layout.fftSize;
    this.lo = Math.max(2, Math.floor(LOWEST_HZ / this.binHz));
    this.hi = Math.min(layout.fftSize / 2 - 2, Math.ceil(HIGHEST_HZ / this.binHz));
    this.candidates = new Int32Array(this.hi - this.lo + 1);
    this.amplitudeScratch = new Float64Array(this.hi - this.lo + 1);
  }

  push(power: Float64Array): void {
    // Reuse the spectrum that drops out of the window.
    const magnitude =
      this.history.length > 2 * TIME_MEDIAN_HALF
        ? (this.history.shift() as Float64Array)
        : new Float64Array(this.hi - this.lo + 1 + 2 * FREQUENCY_MEDIAN_HALF);
    for (let k = this.lo - FREQUENCY_MEDIAN_HALF, i = 0; i < magnitude.length; k++, i++)
      magnitude[i] = k >= 0 && k < power.length ? Math.sqrt(power[k]) : 0;
    this.history.push(magnitude);
    const centre = this.history.length - 1 - TIME_MEDIAN_HALF;
    if (centre >= 0) this.measure(centre);
  }

  /** The profile's frames (12 values each), one per pushed spectrum, and each frame's peak energy. */
  finish(): { frames: Float64Array[]; energy: number[] } {
    // The last frames have no look-ahead: measure them against what there is.
    const pending = Math.min(TIME_MEDIAN_HALF, this.history.length);
    for (let c = this.history.length - pending; c < this.history.length; c++) this.measure(c);
    return { frames: this.frames, energy: this.frameEnergy };
  }

  private measure(centre: number): void {
    const spectrum = this.history[centre];
    const offset = FREQUENCY_MEDIAN_HALF;
    const count = this.hi - this.lo + 1;
    let strongest = 0;
    for (let i = offset; i < offset + count; i++) strongest = Math.max(strongest, spectrum[i]);
    const profile = new Float64Array(12);
    let energy = 0;
    if (strongest > 0) {
      // Local maxima first, the strongest MAX_PEAKS of them; the medians are taken for those only.
      const floor = PEAK_FLOOR * strongest;
      let found = 0;
      for (let i = offset + 1; i < offset + count - 1; i++) {
        const b = spectrum[i];
        if (b > spectrum[i - 1] && b >= spectrum[i + 1] && b >= floor) this.candidates[found++] = i;
      }
      let threshold = floor;
      if (found > MAX_PEAKS) {
        // The MAX_PEAKS-th largest amplitude, by a native numeric sort of a typed array.
        const amplitudes = this.amplitudeScratch.subarray(0, found);
        for (let p = 0; p < found; p++) amplitudes[p] = spectrum[this.candidates[p]];
        amplitudes.sort();
        threshold = amplitudes[found - MAX_PEAKS];
      }
      for (let p = 0; p < found; p++) {
        const i = this.candidates[p];
        if (spectrum[i] < threshold) continue;
        const a = spectrum[i - 1];
        const b = spectrum[i];
        const c = spectrum[i + 1];
        const harmonic = this.timeMedian(i);
        const percussive = this.frequencyMedian(spectrum, i);
        const h2 = harmonic * harmonic;
        const mask = h2 > 0 ? h2 / (h2 + percussive * percussive) : 0;
        if (mask === 0) continue;
        // Parabolic interpolation on the log amplitude: a Hann peak is close to a parabola there.
        const la = Math.log(a + 1e-12);
        const lb = Math.log(b);
        const lc = Math.log(c + 1e-12);
        const denominator = la - 2 * lb + lc;
        const shift = denominator < 0 ? (0.5 * (la - lc)) / denominator : 0;
        const bin = this.lo - offset + i + shift;
        const amplitude = b * mask;
        const midi = 69 + 12 * Math.log2((bin * this.binHz) / 440);
        energy += amplitude * amplitude;
        let weight = 1;
        for (let h = 0; h < HARMONICS; h++, weight *= HARMONIC_DECAY) {
          addToPitchClass(profile, midi - this.harmonicShift[h], amplitude * weight);
        }
      }
    }
    this.frames.push(profile);
    this.frameEnergy.push(energy);
  }

  private timeMedian(i: number): number {
    const n = this.history.length;
    for (let f = 0; f < n; f++) this.timeScratch[f] = this.history[f][i];
    return medianOf(this.timeScratch, n, this.sortScratch);
  }

  private frequencyMedian(spectrum: Float64Array, i: number): number {
    for (let d = -FREQUENCY_MEDIAN_HALF; d <= FREQUENCY_MEDIAN_HALF; d++)
      this.scratch[d + FREQUENCY_MEDIAN_HALF] = spectrum[i + d];
    return medianOf(this.scratch, this.scratch.length, this.sortScratch);
  }
}

/** cos²(π·d) for d = −0.5 … 0.5 semitones in 1/64 steps. */
const COS2_STEPS = 64;
const COS2 = Float64Array.from(
  { length: COS2_STEPS + 1 },
  (_, i) => Math.cos(Math.PI * (i / COS2_STEPS - 0.5)) ** 2,
);

/** Spreads a (fractional) MIDI pitch over the nearest pitch classes with a cos² window one semitone wide. */
function addToPitchClass(profile: Float64Array, midi: number, amount: number): void {
  const nearest = Math.round(midi);
  const distance = midi - nearest;
  const weight = COS2[Math.round((distance + 0.5) * COS2_STEPS)];
  const pc = ((nearest % 12) + 12) % 12;
  profile[pc] += amount * weight;
  const neighbour = (((pc + (distance > 0 ? 1 : -1)) % 12) + 12) % 12;
  profile[neighbour] += amount * (1 - weight) * 0.5;
}

/** Median of the first n values, by insertion sort into `sorted` (at least n long). */
function medianOf(values: Float64Array, n: number, sorted: Float64Array): number {
  for (let i = 0; i < n; i++) sorted[i] = values[i];
  for (let i = 1; i < n; i++) {
    const v = sorted[i];
    let j = i - 1;
    while (j >= 0 && sorted[j] > v) {
      sorted[j + 1] = sorted[j];
      j--;
    }
    sorted[j + 1] = v;
  }
  return n % 2 === 1 ? sorted[n >> 1] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
}

/**
 * The file's profile: frames normalised to their strongest class, so a loud chorus does not
 * outvote the verses, weighted by the square root of their energy share, with silent frames left out.
 */
export function combineFrames(frames: Float64Array[], energy: number[]): Float64Array {
  const total = new Float64Array(12);
  const loudest = Math.max(0, ...energy);
  if (!(loudest > 0)) return total;
  frames.forEach((frame, f) => {
    if (energy[f] < QUIET_FRAME * loudest) return;
    const top = Math.max(...frame);
    if (!(top > 0)) return;
    const weight = Math.sqrt(energy[f] / loudest);
    for (let pc = 0; pc < 12; pc++) total[pc] += (weight * frame[pc]) / top;
  });
  return total;
}

/**
 * Onset strength from band energies: third-octave bands, log-compressed, half-wave rectified
 * frame-to-frame increase summed over bands (spectral flux on a log scale, as in most beat
 * trackers). Grouping bins into bands first keeps the per-frame cost at a few dozen logarithms.
 */

const LOWEST_BAND_HZ = 30;
const BANDS_PER_OCTAVE = 3;
/** Compression knee relative to a band's mean energy: quieter detail is treated as near-linear noise. */
const KNEE_BELOW_MEAN = 1e-3;
/**
 * A band far quieter than the loudest one (30 dB and more) gets its knee from the loudest band's
 * level instead of its own: its content is window leakage and hiss, whose ripple would otherwise
 * count as onsets.
 */
const BAND_FLOOR_BELOW_LOUDEST = 1e-3;

/** Bin boundaries [start, end) of each band, as consecutive pairs. Bands hold at least one bin. */
export function onsetBandBins(sampleRate: number, fftSize: number): Int32Array {
  const binHz = sampleRate / fftSize;
  const nyquistBin = fftSize / 2;
  const bounds: number[] = [1];
  for (let i = 1; ; i++) {
    const edgeBin = Math.ceil((LOWEST_BAND_HZ * 2 ** (i / BANDS_PER_OCTAVE)) / binHz);
    if (edgeBin >= nyquistBin) break;
    if (edgeBin > bounds[bounds.length - 1]) bounds.push(edgeBin);
  }
  bounds.push(nyquistBin);
  const pairs = new Int32Array(2 * (bounds.length - 1));
  for (let b = 0; b + 1 < bounds.length; b++) {
    pairs[2 * b] = bounds[b];
    pairs[2 * b + 1] = bounds[b + 1];
  }
  return pairs;
}

/** Mean power per band of one frame, written at `into[offset…]`. */
export function bandEnergies(
  power: Float64Array,
  bands: Int32Array,
  into: Float32Array,
  offset: number,
): void {
  for (let b = 0; b < bands.length / 2; b++) {
    const start = bands[2 * b];
    const end = bands[2 * b + 1];
    let sum = 0;
    for (let k = start; k < end; k++) sum += power[k];
    into[offset + b] = sum / (end - start);
  }
}

/** Where the kick lives (bands whose upper edge is at or below) and where snares and hats begin. */
export const KICK_BAND_TOP_HZ = 150;
export const SNARE_BAND_FROM_HZ = 1500;

export interface OnsetEnvelopes {
  /** All bands: the onset strength tempo and beats are measured on. */
  all: Float32Array;
  /** Bands up to KICK_BAND_TOP_HZ: kick drum and bass onsets. */
  low: Float32Array;
  /** Bands from SNARE_BAND_FROM_HZ: snare, claps and hats. */
  high: Float32Array;
}

/**
 * Log spectral flux over frame-major band energies (`frames` × `bandCount`), summed over all bands
 * and over the low and high groups separately, which is what tells a kick from a snare. The
 * compression knee is set per band from the file's own levels, so the envelopes do not depend on
 * the playback gain.
 */
export function spectralFlux(
  energies: Float32Array,
  bands: Int32Array,
  binHz: number,
  frames: number,
): OnsetEnvelopes {
  const bandCount = bands.length / 2;
  const means = new Float64Array(bandCount);
  for (let f = 0; f < frames; f++) {
    for (let b = 0; b < bandCount; b++) means[b] += energies[f * bandCount + b];
  }
  let loudest = 0;
  for (let b = 0; b < bandCount; b++) {
    means[b] /= Math.max(1, frames);
    loudest = Math.max(loudest, means[b]);
  }
  const gains = new Float64Array(bandCount);
  for (let b = 0; b < bandCount; b++) {
    const reference = Math.max(means[b], BAND_FLOOR_BELOW_LOUDEST * loudest);
    gains[b] = reference > 0 ? 1 / (KNEE_BELOW_MEAN * reference) : 0;
  }
  let lowBands = 0;
  while (lowBands < bandCount && bands[2 * lowBands + 1] * binHz <= KICK_BAND_TOP_HZ) lowBands++;
  let highFrom = bandCount;
  while (highFrom > 0 && bands[2 * (highFrom - 1)] * binHz >= SNARE_BAND_FROM_HZ) highFrom--;

  const all = new Float32Array(frames);
  const previous = new Float64Array(bandCount);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let b = 0; b < bandCount; b++) {
      const level = Math.log1p(gains[b] * energies[f * bandCount + b]);
      if (f > 0 && level > previous[b]) sum += level - previous[b];
      previous[b] = level;
    }
    all[f] = sum / bandCount;
  }
  // The groups' envelopes are the rise of their summed amplitude, not compressed: log compression
  // would lift a snare's faint low-frequency noise to the level of the kick itself.
  const low = groupFlux(energies, bands, bandCount, frames, 0, lowBands);
  const high = groupFlux(energies, bands, bandCount, frames, highFrom, bandCount);
  return { all, low, high };
}

function groupFlux(
  energies: Float32Array,
  bands: Int32Array,
  bandCount: number,
  frames: number,
  from: number,
  to: number,
): Float32Array {
  const flux = new Float32Array(frames);
  if (to <= from) return flux;
  const magnitude = new Float64Array(frames);
  let mean = 0;
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let b = from; b < to; b++)
      sum += energies[f * bandCount + b] * (bands[2 * b + 1] - bands[2 * b]);
    magnitude[f] = Math.sqrt(sum);
    mean += magnitude[f];
  }
  mean /= Math.max(1, frames);
  if (!(mean > 0)) return flux;
  for (let f = 1; f < frames; f++) flux[f] = Math.max(0, magnitude[f] - magnitude[f - 1]) / mean;
  return flux;
}

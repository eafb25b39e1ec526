import type { Reasons, Section } from '@mixscope/contracts';
import type { KWeightedPower } from '../loudness/k-weighted-power.ts';
import { measureStretchLoudness } from '../loudness/loudness.ts';
import { round } from '../math/level.ts';
import { monoSumSpectrum, type PairSpectrum } from '../spectrum/pair-spectrum.ts';
import { spectrumResult } from '../spectrum/spectrum.ts';
import { bandCorrelations } from '../stereo/band-correlation.ts';
import { correlationOf } from '../stereo/stereo-sums.ts';
import { widthScore } from '../stereo/width-score.ts';
import { WINDOWS_PER_FRAME, type SectionFrames } from './section-frames.ts';

export type SectionFigures = Pick<Section, 'loudness' | 'bands' | 'stereo' | 'reasons'>;

/** Where the figures come from; `pair` null for a file with no left/right pair. */
export interface SectionSource {
  /** The file's K-weighted grain powers, measured once for the whole file. */
  power: KWeightedPower;
  pair: [Float32Array, Float32Array] | null;
  /** Why `pair` is null. */
  noPairReason: string;
  frames: SectionFrames;
}

/**
 * The whole-file measurements, run on the section's samples: loudness through the BS.1770 meter,
 * bands through the spectrum's band split, stereo through the stereo image. The spectra are the
 * section's frames' sums, so no second transform runs.
 */
export function sectionFigures(
  source: SectionSource,
  fromFrame: number,
  toFrame: number,
): SectionFigures {
  const { frames } = source;
  const from = fromFrame * frames.hop;
  const to = toFrame === frames.frameCount ? frames.length : toFrame * frames.hop;
  const reasons: Reasons = {};

  const loudness = measureStretchLoudness(source.power, from, to);
  Object.assign(reasons, loudness.reasons);

  const pair = sectionSpectrum(frames, fromFrame, toFrame);
  const spectrum = spectrumResult(monoSumSpectrum(pair));
  for (const [key, why] of Object.entries(spectrum.reasons)) {
    if (key === 'bands' || key.startsWith('bands.')) reasons[key] = why;
  }

  let stereo: SectionFigures['stereo'] = null;
  if (source.pair) {
    // From the section's spectra, like the whole file's bands: by Parseval their sums are the
    // windowed samples' ΣL², ΣR² and ΣLR, so no pass over the samples is needed.
    const bands = bandCorrelations(pair, {});
    const score = widthScore(bands);
    const correlation = correlationOf(sum(pair.cross), sum(pair.left), sum(pair.right));
    stereo = { widthScore: round(score, 1), correlation: round(correlation, 3) };
    if (score === null) reasons.widthScore = 'no band has enough signal to judge its width';
    if (correlation === null) reasons.correlation = 'a channel is silent in this section';
  } else {
    reasons.stereo = source.noPairReason;
  }

  return {
    loudness: {
      integratedLufs: round(loudness.integratedLufs),
      shortTermMaxLufs: round(loudness.shortTermMaxLufs),
      loudnessRangeLu: round(loudness.loudnessRangeLu),
    },
    bands: spectrum.bands.map((band) => ({ name: band.name, db: band.db })),
    stereo,
    reasons,
  };
}

/** The section's frames' pair spectra, scaled to mean square per bin like the long-window STFT. */
function sectionSpectrum(frames: SectionFrames, fromFrame: number, toFrame: number): PairSpectrum {
  const { binCount, fftSize, sampleRate } = frames;
  const left = new Float64Array(binCount);
  const right = new Float64Array(binCount);
  const cross = new Float64Array(binCount);
  for (let f = fromFrame; f < toFrame; f++) {
    const at = f * binCount;
    for (let k = 0; k < binCount; k++) {
      left[k] += frames.left[at + k];
      right[k] += frames.right[at + k];
      cross[k] += frames.cross[at + k];
    }
  }
  // Mean square per bin (one-sided): a Hann window's Σw² is 3N/8, accumulatePair leaves a 4.
  const transforms = Math.max(1, toFrame - fromFrame) * WINDOWS_PER_FRAME;
  const scale = 2 / (4 * fftSize * ((3 * fftSize) / 8) * transforms);
  for (let k = 0; k < binCount; k++) {
    left[k] *= scale;
    right[k] *= scale;
    cross[k] *= scale;
  }
  return {
    sampleRate,
    fftSize,
    binHz: sampleRate / fftSize,
    frameCount: toFrame - fromFrame,
    left,
    right,
    cross,
  };
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

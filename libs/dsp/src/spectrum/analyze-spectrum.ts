import { measureStereo } from '../stereo/stereo.ts';
import type { SpectrumResult, StereoResult } from '@mixscope/contracts';
import type { AudioData } from '../audio-data.ts';
import { channelRoles } from './channel-roles.ts';
import { bandSums } from './bands.ts';
import {
  meanPowerSpectrum,
  monoSumSpectrum,
  pairSpectrum,
  pairSpectrumFromSums,
  type PairSpectrum,
  type PairSums,
} from './pair-spectrum.ts';
import {
  bandTotal,
  SILENCE_REASON,
  SILENT_MEAN_SQUARE,
  spectrumResult,
  type SilenceRule,
} from './spectrum.ts';

/** A mono sum 120 dB below its channels is what rounding leaves of inverted channels. */
const MONO_SUM_CANCELLED = 1e-12;

export interface SpectrumAndStereo {
  spectrum: SpectrumResult;
  /** Null for a mono file or a layout with no front pair; the caller writes that reason. */
  stereo: StereoResult | null;
}

/**
 * Spectrum of the mono sum and the stereo image, from one long-window STFT of the channel pair.
 * Layouts with more than two channels need a second pass: the spectrum is of the mean of the
 * non-LFE channels, which the front pair's transforms cannot give.
 */
export function analyzeSpectrumAndStereo(
  audio: AudioData,
  pairSums?: PairSums[],
): SpectrumAndStereo {
  const { channels, sampleRate } = audio;
  const roles = channelRoles(channels.length, audio.channelLabels);

  if (channels.length === 2 && roles.pair) {
    const [l, r] = roles.pair;
    const pair = pairSums
      ? pairSpectrumFromSums(pairSums, channels[l].length, sampleRate)
      : pairSpectrum(channels[l], channels[r], sampleRate);
    const spectrum = spectrumResult(monoSumSpectrum(pair), monoSumSilence(pair));
    return { spectrum, stereo: measureStereo(channels[l], channels[r], pair) };
  }

  const averaged = roles.spectrum.map((i) => channels[i]);
  const spectrum = spectrumResult(meanPowerSpectrum(averaged, sampleRate));
  if (roles.spectrumNote) spectrum.reasons.channels = roles.spectrumNote;
  if (!roles.pair) return { spectrum, stereo: null };

  const [l, r] = roles.pair;
  const front = pairSpectrum(channels[l], channels[r], sampleRate);
  const stereo = measureStereo(channels[l], channels[r], front);
  if (roles.pairNote) stereo.reasons.channels = roles.pairNote;
  return { spectrum, stereo };
}

/**
 * The left/right channels of a two-channel file, whose STFT (`sumPairFrames`) can be shared out
 * between threads and handed back as `pairSums`; null when the spectrum needs another pass.
 */
export function stereoPairOf(audio: AudioData): [Float32Array, Float32Array] | null {
  const roles = channelRoles(audio.channels.length, audio.channelLabels);
  if (audio.channels.length !== 2 || !roles.pair) return null;
  return [audio.channels[roles.pair[0]], audio.channels[roles.pair[1]]];
}

/**
 * The mono sum of inverted channels cancels only down to rounding, so for a pair "silent" means
 * 120 dB below the channels' own level, or absolute silence.
 */
function monoSumSilence(pair: PairSpectrum): SilenceRule {
  const channels =
    (bandTotal(bandSums(pair.left, pair.binHz)) + bandTotal(bandSums(pair.right, pair.binHz))) / 2;
  const belowMeanSquare = Math.max(SILENT_MEAN_SQUARE, channels * MONO_SUM_CANCELLED);
  return channels > SILENT_MEAN_SQUARE
    ? {
        belowMeanSquare,
        reason: 'the mono sum (L+R)/2 cancels to silence: one channel is the inverse of the other',
      }
    : { belowMeanSquare, reason: SILENCE_REASON };
}

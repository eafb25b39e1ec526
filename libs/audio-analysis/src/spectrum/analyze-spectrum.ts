import { measureStereo } from '../stereo/stereo.ts';
import type { AudioData, SpectrumResult, StereoResult } from '../types.ts';
import { channelRoles } from './channel-roles.ts';
import { meanPowerSpectrum, monoSumSpectrum, pairSpectrum, sideSpectrum } from './pair-spectrum.ts';
import { SILENT_MEAN_SQUARE, spectrumResult } from './spectrum.ts';

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
export function analyzeSpectrumAndStereo(audio: AudioData): SpectrumAndStereo {
  const { channels, sampleRate } = audio;
  const roles = channelRoles(channels.length, audio.channelLabels);

  if (channels.length === 2 && roles.pair) {
    const [l, r] = roles.pair;
    const pair = pairSpectrum(channels[l], channels[r], sampleRate);
    const spectrum = spectrumResult(
      monoSumSpectrum(pair),
      monoSilenceReason(sideSpectrum(pair).power),
    );
    return { spectrum, stereo: measureStereo(channels[l], channels[r], pair) };
  }

  const spectrum = spectrumResult(
    meanPowerSpectrum(
      roles.spectrum.map((i) => channels[i]),
      sampleRate,
    ),
  );
  if (roles.spectrumNote) spectrum.reasons.channels = roles.spectrumNote;
  if (!roles.pair) return { spectrum, stereo: null };

  const [l, r] = roles.pair;
  const stereo = measureStereo(
    channels[l],
    channels[r],
    pairSpectrum(channels[l], channels[r], sampleRate),
  );
  if (roles.pairNote) stereo.reasons.channels = roles.pairNote;
  return { spectrum, stereo };
}

function monoSilenceReason(side: Float64Array): string {
  let sum = 0;
  for (let k = 0; k < side.length; k++) sum += side[k];
  return sum > SILENT_MEAN_SQUARE
    ? 'the mono sum (L+R)/2 cancels to silence: one channel is the inverse of the other'
    : 'silent: no signal between 20 Hz and 20 kHz';
}

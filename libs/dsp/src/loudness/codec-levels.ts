import { CODEC_OVER_THRESHOLD_DBTP } from '@mixscope/contracts';
import type { AudioData } from '../audio-data.ts';
import { round } from '../math/level.ts';
import { measureLoudness } from './loudness.ts';
import { measureTruePeak } from './true-peak.ts';

/** The figures of one decoded encode, measured with the same true-peak and loudness code. */
export interface CodecLevels {
  truePeakDbtp: number | null;
  clippedSamples: number;
  truePeakOvers: number;
  thresholdDbtp: number;
  integratedLufs: number | null;
}

export function measureCodecLevels(audio: AudioData): CodecLevels {
  const truePeak = measureTruePeak(audio, { overThresholdDbtp: CODEC_OVER_THRESHOLD_DBTP });
  let clippedSamples = 0;
  for (const channel of audio.channels) {
    for (let i = 0; i < channel.length; i++) if (Math.abs(channel[i]) > 1) clippedSamples++;
  }
  return {
    truePeakDbtp: round(truePeak.maxDbtp),
    clippedSamples,
    truePeakOvers: truePeak.overs.count,
    thresholdDbtp: CODEC_OVER_THRESHOLD_DBTP,
    integratedLufs: measureLoudness(audio).integratedLufs,
  };
}

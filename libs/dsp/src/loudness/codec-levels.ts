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
  /** Integrated loudness of the regions, joined end to end. */
  integratedLufs: number | null;
}

/** Frames [start, end) of the audio to measure. */
export type FrameRegion = readonly [start: number, end: number];

/**
 * Audio read beyond each region for the interpolation filter, faded out at its far end: the filter
 * then sees the real neighbours of every sample in the region, and no step at the cut (which would
 * ring above the signal).
 */
const CONTEXT_SEC = 0.01;

/**
 * Measures the regions of `audio` (all of it by default): the highest true peak and the overs and
 * clipped samples of all regions, and the integrated loudness of the regions joined.
 */
export function measureCodecLevels(
  audio: AudioData,
  regions: readonly FrameRegion[] = [[0, audio.channels[0]?.length ?? 0]],
): CodecLevels {
  const length = audio.channels[0]?.length ?? 0;
  const context = Math.round(CONTEXT_SEC * audio.sampleRate);
  let peak: number | null = null;
  let truePeakOvers = 0;
  let clippedSamples = 0;
  for (const [start, end] of regions) {
    const from = Math.max(0, start - (start > 0 ? context : 0));
    const to = Math.min(length, end + (end < length ? context : 0));
    const view = {
      ...audio,
      channels: audio.channels.map((x) =>
        fadedEdges(x, from, to, start > 0, end < length, context),
      ),
    };
    const truePeak = measureTruePeak(view, { overThresholdDbtp: CODEC_OVER_THRESHOLD_DBTP });
    if (truePeak.maxDbtp !== null) peak = Math.max(peak ?? -Infinity, truePeak.maxDbtp);
    truePeakOvers += truePeak.overs.count;
    for (const channel of audio.channels) clippedSamples += countClipped(channel, start, end);
  }
  return {
    truePeakDbtp: round(peak),
    clippedSamples,
    truePeakOvers,
    thresholdDbtp: CODEC_OVER_THRESHOLD_DBTP,
    integratedLufs: measureRegionsLoudness(audio, regions),
  };
}

/**
 * The integrated loudness of the regions joined: what the original's windows are measured by, to
 * compare with their decodes (their peaks are not needed).
 */
export function measureRegionsLoudness(
  audio: AudioData,
  regions: readonly FrameRegion[],
): number | null {
  return measureLoudness(joined(audio, regions)).integratedLufs;
}

function countClipped(x: Float32Array, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) if (x[i] > 1 || x[i] < -1) count++;
  return count;
}

/** x[from, to), faded to zero over `context` samples at each end that lies inside the track. */
function fadedEdges(
  x: Float32Array,
  from: number,
  to: number,
  fadeIn: boolean,
  fadeOut: boolean,
  context: number,
): Float32Array {
  if (!fadeIn && !fadeOut) return x.subarray(from, to);
  const out = x.slice(from, to);
  const n = Math.min(context, Math.floor(out.length / 2));
  for (let i = 0; i < n; i++) {
    const gain = 0.5 - 0.5 * Math.cos((Math.PI * i) / n);
    if (fadeIn) out[i] *= gain;
    if (fadeOut) out[out.length - 1 - i] *= gain;
  }
  return out;
}

function joined(audio: AudioData, regions: readonly FrameRegion[]): AudioData {
  if (regions.length === 1 && regions[0][0] === 0 && regions[0][1] === audio.channels[0]?.length) {
    return audio;
  }
  const total = regions.reduce((sum, [start, end]) => sum + (end - start), 0);
  const channels = audio.channels.map((x) => {
    const out = new Float32Array(total);
    let at = 0;
    for (const [start, end] of regions) {
      out.set(x.subarray(start, end), at);
      at += end - start;
    }
    return out;
  });
  return { ...audio, channels };
}

import { analyzeLoudness } from '@mixscope/dsp';
import { measureDynamicRange } from '@mixscope/dsp';
import { analyzeSpectrumAndStereo, stereoPairOf } from '@mixscope/dsp';
import { sumPairFrames, type FrameShare, type PairSums } from '@mixscope/dsp';
import { extractRhythmFeatures } from '@mixscope/dsp';
import { estimateTempo } from '@mixscope/dsp';
import { analyzeTransients } from '@mixscope/dsp';
import { estimateKey } from '@mixscope/dsp';
import { detectIssues } from '@mixscope/dsp';
import { waveformLevels } from '@mixscope/dsp';
import {
  findSections,
  measureCodecLevels,
  measureRegionsLoudness,
  selectCodecWindows,
  type CodecLevels,
  type CodecWindow,
  type FrameRegion,
  type SectionsAnalysis,
} from '@mixscope/dsp';
import type {
  AudioIssue,
  KeyResult,
  SpectrumResult,
  StereoResult,
  StoredWaveform,
  TempoResult,
  TransientsResult,
} from '@mixscope/contracts';
import type { AudioData, MeasuredLoudness } from '@mixscope/dsp';

/** The client's rule: transient analysis only for heavily compressed material. */
export const TRANSIENTS_MAX_DR_DB = 8;
/**
 * Why a file gets no transient figures. The same measurement runs on the mix and on its
 * reference, and the reason is shown for either, so it names neither: "this track".
 */
export function transientsSkipped(dynamicRangeDb: number): string {
  return `computed only for heavily compressed material (DR below ${TRANSIENTS_MAX_DR_DB} dB); this track has DR ${dynamicRangeDb.toFixed(1)} dB`;
}

/** Longer tracks are analysed on their centre this long. */
export const TRANSIENTS_MAX_SPAN_SEC = 120;

export interface LoudnessTaskOutput {
  loudness: MeasuredLoudness;
  monoFoldDownLufs: number | null;
  issues: AudioIssue[];
  /** The song's sections, each measured like the whole file (from the same K-weighted pass). */
  sections: SectionsAnalysis;
}

export interface SpectrumTaskOutput {
  spectrum: SpectrumResult;
  stereo: StereoResult | null;
}

export interface RhythmTaskOutput {
  tempo: TempoResult;
  key: KeyResult;
  transients: TransientsResult | null;
  transientsReason: string | null;
}

export interface MeasureTaskOutputs {
  loudness: LoudnessTaskOutput;
  spectrum: SpectrumTaskOutput;
  rhythm: RhythmTaskOutput;
  /** One share of a stereo pair's long-window STFT, for `spectrum` to add up. */
  spectrumFrames: PairSums;
  /** The peak envelopes the hosted service stores beside the result (not part of it). */
  waveform: StoredWaveform;
  /** The stretches of the track the codec preview encodes. */
  codecWindows: CodecWindow[];
  /** True peak, overs and loudness of one decoded encode's windows. */
  codecLevels: CodecLevels;
  /** The integrated loudness of the original's windows, for the encodes' loudness change. */
  regionsLoudness: number | null;
}

export type MeasureTask = keyof MeasureTaskOutputs;

/** What the result document is assembled from. */
export type MeasuredSections = Pick<MeasureTaskOutputs, 'loudness' | 'spectrum' | 'rhythm'>;

/** What a task needs besides the audio. */
export interface MeasureContext {
  /** NaN or infinite samples the decoder replaced with silence. */
  invalidSampleCount: number;
  /** For `spectrumFrames`: which share of the frames to transform. */
  share?: FrameShare;
  /** For `spectrum`: the shares already summed, so it transforms nothing again. */
  pairSums?: PairSums[];
  /** For `codecLevels` and `regionsLoudness`: the frames to measure (all of them by default). */
  regions?: FrameRegion[];
}

/**
 * The long-window STFT is the largest single piece of work; for a stereo pair it is cut into this
 * many shares so that the threads finish together.
 */
export const SPECTRUM_SHARES = 2;

export function runMeasureTask<T extends MeasureTask>(
  task: T,
  audio: AudioData,
  context: MeasureContext,
): MeasureTaskOutputs[T] {
  const run = TASKS[task] as (audio: AudioData, context: MeasureContext) => MeasureTaskOutputs[T];
  return run(audio, context);
}

const TASKS: {
  [K in MeasureTask]: (audio: AudioData, context: MeasureContext) => MeasureTaskOutputs[K];
} = {
  loudness: measureLoudnessAndIssues,
  spectrum: (audio, context) => analyzeSpectrumAndStereo(audio, context.pairSums),
  rhythm: (audio) => measureRhythm(audio),
  spectrumFrames: (audio, context) => {
    const pair = stereoPairOf(audio);
    if (!pair) throw new Error('spectrumFrames needs a two-channel file');
    return sumPairFrames(pair[0], pair[1], audio.sampleRate, context.share);
  },
  waveform: (audio) => waveformLevels(audio),
  codecWindows: (audio) => selectCodecWindows(audio),
  codecLevels: (audio, context) => measureCodecLevels(audio, context.regions),
  regionsLoudness: (audio, context) =>
    measureRegionsLoudness(audio, context.regions ?? [[0, audio.channels[0]?.length ?? 0]]),
};

/**
 * Issues ride with loudness: they need its true-peak overs and the same pass over the samples.
 * Sections too: their loudness is gated from the same K-weighted powers.
 */
function measureLoudnessAndIssues(audio: AudioData, context: MeasureContext): LoudnessTaskOutput {
  const { loudness, monoFoldDownLufs, truePeakOvers, power } = analyzeLoudness(audio);
  const issues = detectIssues(audio, {
    truePeakOvers,
    invalidSampleCount: context.invalidSampleCount,
  });
  return { loudness, monoFoldDownLufs, issues, sections: findSections(audio, power) };
}

function measureRhythm(audio: AudioData): RhythmTaskOutput {
  const features = extractRhythmFeatures(audio);
  const tempo = estimateTempo(features);
  const key = estimateKey(features);
  // The loudness task on the other thread measures DR too; a second ~15 ms pass here is cheaper
  // than holding the onset features until that task is done.
  const dr = measureDynamicRange(audio);
  if (dr === null) {
    return {
      tempo,
      key,
      transients: null,
      transientsReason: 'no dynamic range figure (silent or shorter than 3 s)',
    };
  }
  if (dr >= TRANSIENTS_MAX_DR_DB) {
    return {
      tempo,
      key,
      transients: null,
      transientsReason: transientsSkipped(dr),
    };
  }
  const durationSec = audio.channels[0].length / audio.sampleRate;
  const span = Math.min(durationSec, TRANSIENTS_MAX_SPAN_SEC);
  const fromSec = (durationSec - span) / 2;
  const transients = analyzeTransients(audio, features, { fromSec, toSec: fromSec + span });
  return { tempo, key, transients, transientsReason: null };
}

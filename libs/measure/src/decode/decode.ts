import { basename } from 'node:path';
import { AnalysisError } from '../errors.ts';
import type { FileInfo } from '@mixscope/contracts';
import type { AudioData } from '@mixscope/dsp';
import { channelLabelsFor } from './channel-layout.ts';
import { PlanarWriter } from './planar-writer.ts';
import { checkFile, probeStreams, type AudioProbe } from './probe.ts';
import { decode, type FfmpegBinaries } from './ffmpeg.adapter.ts';

export interface DecodeOptions extends FfmpegBinaries {
  signal?: AbortSignal;
  /** Budget for probing and decoding together. Default 60 s. */
  timeoutMs?: number;
  /** Longest audio accepted. Default 2 h. */
  maxDurationSec?: number;
  /**
   * Most decoded samples (frames × measured channels) accepted, checked against the probe before
   * decoding and again while decoding. Default: `maxDurationSec` of 48 kHz stereo.
   */
  maxDecodedSamples?: number;
  /** Called with the decoded fraction (0-1), at most about once per percent, and with 1 at the end. */
  onProgress?: (fraction: number) => void;
  /** The name users know the file by; defaults to the basename of `path`. */
  displayName?: string;
  /** Refuse files larger than this with TOO_LARGE. */
  maxSizeBytes?: number;
}

export interface DecodeResult {
  audio: AudioData;
  /** As probed, except `durationSec`, which is the decoded length. */
  info: FileInfo;
  /** NaN and ±Infinity samples that were replaced by 0. */
  invalidSampleCount?: number;
}

export const DEFAULT_DECODE_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_DURATION_SEC = 2 * 3600;
/** Higher rates are refused before decoding: they cost work and memory and carry no audible band. */
export const MAX_SAMPLE_RATE_HZ = 192_000;
/** Channels measured: files with more are measured on ffmpeg's stereo downmix. */
export const MAX_MEASURED_CHANNELS = 2;
/** The default decoded-sample budget is the duration limit at this rate, in stereo. */
const BUDGET_SAMPLE_RATE_HZ = 48_000;
const DOWNMIX_NOTE =
  'stereo downmix by ffmpeg (ITU-R BS.775 Lo/Ro: centre and surrounds at −3 dB, LFE left out); every figure is of the downmix, not of the original channels';

/** Preallocation beyond the probed length, so a slightly short probe never forces a copy. */
const HEADROOM_FACTOR = 1.02;
const HEADROOM_SEC = 1;
/** Preallocation when the file states no duration. */
const UNKNOWN_DURATION_GUESS_SEC = 300;

/**
 * Decodes the first audio stream of a file to planar 32-bit float at its native sample rate, in
 * mono or stereo: a file with more channels is decoded as ffmpeg's stereo downmix, and its `info`
 * says so in `downmix`. The decoded size is budgeted from the probe before any sample is kept:
 * rates above MAX_SAMPLE_RATE_HZ and audio beyond `maxDecodedSamples` are refused. Every failure is an AnalysisError with a one-line message, except an abort,
 * which rejects with the signal's reason. ffmpeg is killed on time-out and abort.
 */
export async function decodeFile(path: string, options: DecodeOptions = {}): Promise<DecodeResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DECODE_TIMEOUT_MS;
  const maxDurationSec = options.maxDurationSec ?? DEFAULT_MAX_DURATION_SEC;
  if (!(timeoutMs > 0)) {
    throw new AnalysisError('INVALID_OPTION', 'timeoutMs must be a positive number');
  }
  if (!(maxDurationSec > 0)) {
    throw new AnalysisError('INVALID_OPTION', 'maxDurationSec must be a positive number');
  }
  const maxDecodedSamples =
    options.maxDecodedSamples ?? maxDurationSec * BUDGET_SAMPLE_RATE_HZ * MAX_MEASURED_CHANNELS;
  if (!(maxDecodedSamples > 0)) {
    throw new AnalysisError('INVALID_OPTION', 'maxDecodedSamples must be a positive number');
  }
  const startedAt = Date.now();
  const remainingMs = () => Math.max(1, timeoutMs - (Date.now() - startedAt));
  const name = options.displayName ?? basename(path);
  const sizeBytes = await checkFile(path, name, options.maxSizeBytes);

  // ffprobe and the decoder start together, so the probe overlaps the decoder's start-up and the
  // decode; output that arrives before the probe has said how many channels there are waits in
  // `early`.
  const stopDecoder = new AbortController();
  const decoderSignal = options.signal
    ? AbortSignal.any([options.signal, stopDecoder.signal])
    : stopDecoder.signal;
  let writer: PlanarWriter | null = null;
  let report: (frames: number) => void = () => {};
  const early: Buffer[] = [];
  const decoding = decode(path, {
    ffmpegPath: options.ffmpegPath,
    signal: decoderSignal,
    timeoutMs: remainingMs(),
    timeoutLabelMs: timeoutMs,
    onSamples: (chunk) => {
      if (!writer) {
        early.push(chunk);
        return;
      }
      writer.write(chunk);
      report(writer.frames);
    },
  });
  // Observed below; until then a failure must not surface as an unhandled rejection.
  decoding.catch(() => {});

  let probe: AudioProbe;
  try {
    probe = await probeStreams(
      path,
      name,
      sizeBytes,
      { ...options, timeoutMs: remainingMs() },
      timeoutMs,
    );
    writer = writerFor(probe.info, { maxDurationSec, maxDecodedSamples });
    for (const chunk of early) writer.write(chunk);
    early.length = 0;
  } catch (error) {
    stopDecoder.abort(error);
    throw error;
  }
  const { info, statedLayout } = probe;
  report = progressReporter(options.onProgress, info.durationSec * info.sampleRate);
  report(writer.frames);

  const { exitedCleanly } = await decoding;
  if (!exitedCleanly || writer.frames === 0) {
    throw decodeFailure(exitedCleanly, writer.frames, info);
  }
  options.onProgress?.(1);

  const { durationSec: _probed, ...reasons } = info.reasons;
  const downmixed = info.channels > MAX_MEASURED_CHANNELS;
  return {
    audio: {
      sampleRate: info.sampleRate,
      channels: writer.finish(),
      channelLabels: downmixed
        ? ['FL', 'FR']
        : channelLabelsFor(statedLayout ?? info.channelLayout, info.channels),
    },
    info: {
      ...info,
      durationSec: writer.frames / info.sampleRate,
      ...(downmixed ? { downmix: DOWNMIX_NOTE } : {}),
      reasons,
    },
    invalidSampleCount: writer.invalidSampleCount,
  };
}

/**
 * A writer preallocated from the probed length. Refuses, from the probe, a rate above the limit,
 * audio longer than the limit and audio whose decoded size exceeds the budget; the writer refuses
 * the same while decoding, should the probe have understated the length.
 */
function writerFor(
  info: FileInfo,
  limits: { maxDurationSec: number; maxDecodedSamples: number },
): PlanarWriter {
  const { maxDurationSec, maxDecodedSamples } = limits;
  if (info.sampleRate > MAX_SAMPLE_RATE_HZ) {
    throw new AnalysisError(
      'UNSUPPORTED',
      `sample rate ${formatKilohertz(info.sampleRate)} is above the limit of ${formatKilohertz(MAX_SAMPLE_RATE_HZ)}; resample the file first`,
    );
  }
  if (info.durationSec > maxDurationSec) {
    throw new AnalysisError(
      'TOO_LONG',
      `audio is ${formatDuration(info.durationSec)} long; the limit is ${formatDuration(maxDurationSec)}`,
    );
  }
  const channels = Math.min(info.channels, MAX_MEASURED_CHANNELS);
  const maxBudgetSec = maxDecodedSamples / (info.sampleRate * channels);
  const tooMuchAudio = () =>
    new AnalysisError(
      'TOO_LONG',
      `at ${formatKilohertz(info.sampleRate)} ${channels === 1 ? 'mono' : 'stereo'}, the limit is ${formatDuration(maxBudgetSec)} of audio` +
        (info.durationSec > 0 ? `; this file is ${formatDuration(info.durationSec)}` : ''),
    );
  if (info.durationSec > maxBudgetSec) throw tooMuchAudio();
  const expectedFrames = info.durationSec * info.sampleRate;
  const initialFrames =
    expectedFrames > 0
      ? expectedFrames * HEADROOM_FACTOR + HEADROOM_SEC * info.sampleRate
      : UNKNOWN_DURATION_GUESS_SEC * info.sampleRate;
  const maxFrames = Math.ceil(Math.min(maxDurationSec, maxBudgetSec) * info.sampleRate);
  return new PlanarWriter(channels, initialFrames, maxFrames, () =>
    maxBudgetSec < maxDurationSec
      ? tooMuchAudio()
      : new AnalysisError(
          'TOO_LONG',
          `audio is longer than the limit of ${formatDuration(maxDurationSec)}`,
        ),
  );
}

function decodeFailure(exitedCleanly: boolean, frames: number, info: FileInfo): AnalysisError {
  if (frames === 0 && exitedCleanly) {
    return new AnalysisError('NOT_DECODABLE', 'the audio stream holds no samples');
  }
  if (frames === 0) {
    return new AnalysisError('NOT_DECODABLE', 'not an audio file ffmpeg can decode');
  }
  return new AnalysisError(
    'NOT_DECODABLE',
    `the audio data is damaged: decoding stopped at ${formatDuration(frames / info.sampleRate)}`,
  );
}

function progressReporter(
  onProgress: ((fraction: number) => void) | undefined,
  expectedFrames: number,
): (frames: number) => void {
  if (!onProgress || !(expectedFrames > 0)) return () => {};
  let reported = 0;
  return (frames) => {
    const fraction = Math.min(0.99, frames / expectedFrames);
    if (fraction - reported >= 0.01) {
      reported = fraction;
      onProgress(fraction);
    }
  };
}

/** "44.1 kHz", "384 kHz": a sample rate in error messages. */
function formatKilohertz(hz: number): string {
  return `${Math.round(hz / 100) / 10} kHz`;
}

/** "4.2 h", "2 h", "12.5 min", "3.2 s": a length in error messages. */
function formatDuration(seconds: number): string {
  const oneDecimal = (x: number) => String(Math.round(x * 10) / 10);
  if (seconds >= 3600) return `${oneDecimal(seconds / 3600)} h`;
  if (seconds >= 60) return `${oneDecimal(seconds / 60)} min`;
  return `${oneDecimal(seconds)} s`;
}

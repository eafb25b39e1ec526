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

/** Preallocation beyond the probed length, so a slightly short probe never forces a copy. */
const HEADROOM_FACTOR = 1.02;
const HEADROOM_SEC = 1;
/** Preallocation when the file states no duration. */
const UNKNOWN_DURATION_GUESS_SEC = 300;

/**
 * Decodes the first audio stream of a file to planar 32-bit float at its native sample rate and
 * channel count. Every failure is an AnalysisError with a one-line message, except an abort,
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
    writer = writerFor(probe.info, maxDurationSec);
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
  return {
    audio: {
      sampleRate: info.sampleRate,
      channels: writer.finish(),
      channelLabels: channelLabelsFor(statedLayout ?? info.channelLayout, info.channels),
    },
    info: { ...info, durationSec: writer.frames / info.sampleRate, reasons },
    invalidSampleCount: writer.invalidSampleCount,
  };
}

/** A writer preallocated from the probed length; refuses audio longer than the limit. */
function writerFor(info: FileInfo, maxDurationSec: number): PlanarWriter {
  if (info.durationSec > maxDurationSec) {
    throw new AnalysisError(
      'TOO_LONG',
      `audio is ${formatDuration(info.durationSec)} long; the limit is ${formatDuration(maxDurationSec)}`,
    );
  }
  const expectedFrames = info.durationSec * info.sampleRate;
  const initialFrames =
    expectedFrames > 0
      ? expectedFrames * HEADROOM_FACTOR + HEADROOM_SEC * info.sampleRate
      : UNKNOWN_DURATION_GUESS_SEC * info.sampleRate;
  return new PlanarWriter(
    info.channels,
    initialFrames,
    Math.ceil(maxDurationSec * info.sampleRate),
    () =>
      new AnalysisError(
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

/** "4.2 h", "2 h", "12.5 min", "3.2 s": a length in error messages. */
function formatDuration(seconds: number): string {
  const oneDecimal = (x: number) => String(Math.round(x * 10) / 10);
  if (seconds >= 3600) return `${oneDecimal(seconds / 3600)} h`;
  if (seconds >= 60) return `${oneDecimal(seconds / 60)} min`;
  return `${oneDecimal(seconds)} s`;
}

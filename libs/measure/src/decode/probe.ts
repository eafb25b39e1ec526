import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AnalysisError } from '../errors.ts';
import type { FileInfo, Reasons } from '@mixscope/contracts';
import { reportedLayout } from './channel-layout.ts';
import {
  probe,
  type FfmpegBinaries,
  type FfprobeOutput,
  type FfprobeStream,
} from './ffmpeg.adapter.ts';

export interface ProbeOptions extends FfmpegBinaries {
  signal?: AbortSignal;
  /** Default 30 s. */
  timeoutMs?: number;
  /** The name users know the file by (e.g. the uploaded name of a temp file); defaults to the basename. */
  displayName?: string;
  /** Refuse files larger than this with TOO_LARGE. */
  maxSizeBytes?: number;
}

/** What the decoder needs beyond FileInfo. */
export interface AudioProbe {
  info: FileInfo;
  /** ffprobe's `channel_layout` as stated by the file, if any. */
  statedLayout: string | undefined;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 30_000;

/** Formats whose "audio" lives in other files or on the network: never followed. */
const REFERENCING_FORMATS = new Set(['hls', 'applehttp', 'concat', 'dash', 'sdp', 'rtsp', 'rtp']);

const LOSSLESS_CODECS = new Set([
  'flac',
  'alac',
  'wavpack',
  'ape',
  'tta',
  'tak',
  'mlp',
  'truehd',
  'shorten',
  'mp4als',
]);

/** Reads a file's container, codec and stream parameters with ffprobe, without decoding audio. */
export async function probeFile(path: string, options: ProbeOptions = {}): Promise<FileInfo> {
  const name = options.displayName ?? basename(path);
  const sizeBytes = await checkFile(path, name, options.maxSizeBytes);
  return (await probeStreams(path, name, sizeBytes, options)).info;
}

/** Fails fast, before any process starts, on a missing, empty or oversized file; returns its size. */
export async function checkFile(
  path: string,
  name: string,
  maxSizeBytes?: number,
): Promise<number> {
  let stats;
  try {
    stats = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new AnalysisError('FILE_NOT_FOUND', `cannot read ${name}: permission denied`);
    }
    throw new AnalysisError('FILE_NOT_FOUND', `file not found: ${name}`);
  }
  if (!stats.isFile()) throw new AnalysisError('NOT_DECODABLE', `${name} is not a regular file`);
  if (stats.size === 0) throw new AnalysisError('EMPTY_FILE', 'empty file (0 bytes)');
  if (maxSizeBytes !== undefined && stats.size > maxSizeBytes) {
    throw new AnalysisError(
      'TOO_LARGE',
      `file is ${formatMegabytes(stats.size)}; the limit is ${formatMegabytes(maxSizeBytes)}`,
    );
  }
  return stats.size;
}

/** Runs ffprobe on a file already known to exist and be non-empty. */
export async function probeStreams(
  path: string,
  name: string,
  sizeBytes: number,
  options: ProbeOptions = {},
  timeoutLabelMs?: number,
): Promise<AudioProbe> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  if (!(timeoutMs > 0)) {
    throw new AnalysisError('INVALID_OPTION', 'timeoutMs must be a positive number');
  }
  const parsed = await probe(path, {
    ffprobePath: options.ffprobePath,
    signal: options.signal,
    timeoutMs,
    timeoutLabelMs,
    displayName: name,
  });
  return describeAudio(parsed, name, sizeBytes);
}

function describeAudio(output: FfprobeOutput, name: string, sizeBytes: number): AudioProbe {
  const container = output.format?.format_name ?? '';
  if (REFERENCING_FORMATS.has(container)) {
    throw new AnalysisError(
      'UNSUPPORTED',
      `${container} playlists are not supported; upload the audio file`,
    );
  }
  const stream = output.streams?.find((s) => s.codec_type === 'audio');
  if (!stream && !output.streams?.length) {
    throw new AnalysisError('NOT_DECODABLE', 'not an audio file ffmpeg can decode');
  }
  if (!stream) throw new AnalysisError('NO_AUDIO_STREAM', 'no audio stream in this file');
  const sampleRate = positiveNumber(stream.sample_rate);
  const channels = positiveNumber(stream.channels);
  const codec = stream.codec_name ?? 'unknown';
  // ffprobe "finds" mp3/flac streams in random bytes named .mp3/.flac, with no rate or channels.
  if (sampleRate === null || channels === null || codec === 'unknown') {
    throw new AnalysisError('NOT_DECODABLE', 'not an audio file ffmpeg can decode');
  }

  const reasons: Reasons = {};
  const bitDepth = bitDepthOf(stream, codec, reasons);
  const bitsPerSecond = positiveNumber(stream.bit_rate) ?? positiveNumber(output.format?.bit_rate);
  if (bitsPerSecond === null) reasons.bitRateKbps = 'the file does not state a bit rate';
  const channelLayout = reportedLayout(stream.channel_layout, channels);
  if (channelLayout === null) reasons.channelLayout = 'the file does not state a channel layout';

  let durationSec = positiveNumber(stream.duration) ?? positiveNumber(output.format?.duration);
  // A PCM header can claim more audio than the file holds; the size bounds what can be there.
  const bitsPerSample = positiveNumber(stream.bits_per_sample);
  if (durationSec !== null && codec.startsWith('pcm_') && bitsPerSample !== null) {
    const maxPcmDurationSec = sizeBytes / ((bitsPerSample / 8) * channels) / sampleRate;
    durationSec = Math.min(durationSec, maxPcmDurationSec);
  }
  if (durationSec === null) reasons.durationSec = 'the file does not state a duration';

  return {
    info: {
      name,
      sizeBytes,
      container,
      codec,
      sampleRate,
      channels,
      channelLayout,
      bitDepth,
      bitRateKbps: bitsPerSecond === null ? null : Math.round(bitsPerSecond / 100) / 10,
      durationSec: durationSec ?? 0,
      reasons,
    },
    statedLayout: stream.channel_layout,
  };
}

function bitDepthOf(stream: FfprobeStream, codec: string, reasons: Reasons): number | null {
  const raw = positiveNumber(stream.bits_per_raw_sample);
  const container = positiveNumber(stream.bits_per_sample);
  const lossless = codec.startsWith('pcm_') || LOSSLESS_CODECS.has(codec);
  if (raw !== null) return raw;
  if (lossless && container !== null) return container;
  if (lossless) {
    const fromFormat = { u8: 8, u8p: 8, s16: 16, s16p: 16, flt: 32, fltp: 32, dbl: 64, dblp: 64 }[
      stream.sample_fmt ?? ''
    ];
    if (fromFormat !== undefined) return fromFormat;
    reasons.bitDepth = 'the file does not state a bit depth';
    return null;
  }
  reasons.bitDepth = `lossy codec (${codec}) has no fixed bit depth`;
  return null;
}

function positiveNumber(value: string | number | undefined): number | null {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) && n > 0 ? n : null;
}

function formatMegabytes(bytes: number): string {
  return `${Math.round(bytes / 1e5) / 10} MB`;
}

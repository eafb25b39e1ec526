import { availableParallelism, endianness } from 'node:os';
import {
  CODEC_PREVIEWS,
  codecName,
  missingCodecRow,
  type CodecId,
  type CodecPreview,
} from '@mixscope/contracts';
import type { AudioData, CodecWindow, FrameRegion } from '@mixscope/dsp';
import { AnalysisError } from '../errors.ts';
import { PlanarWriter } from '../decode/planar-writer.ts';
import {
  availableEncoders,
  decodeStreams,
  encodeStreams,
  type FfmpegBinaries,
  type PcmInput,
} from '../decode/ffmpeg.adapter.ts';
import type { MeasurePool } from '../measure-pool.ts';

/** How ffmpeg encodes each codec of the preview, at the bit rate of CODEC_PREVIEWS. */
export interface CodecEncoder {
  /** The ffmpeg encoder, as `ffmpeg -encoders` names it. */
  encoder: string;
  /**
   * How the bit rate (and any encoder option) is asked for. Vorbis is asked by quality: libvorbis' managed bit rate refuses
   * 320 kb/s for mono, and outside 32-48 kHz, where quality 9 (~320 kb/s for 44.1 kHz stereo) works.
   */
  rateArgs: readonly string[];
  container: string;
  /** ffmpeg's demuxer for the container, where its name differs. */
  demuxer?: string;
  /** The highest sample rate the encoder takes (higher rates are resampled to it). */
  maxSampleRate: number;
  /** The one rate the encoder works at (Opus: 48 kHz), if any. */
  fixedSampleRate?: number;
  /**
   * The encoder's frame, in frames at the encode's rate. Windows start on this grid of the track, so
   * each is cut into frames as in a full encode: a peak measured on a window moved off that grid
   * differed from the full encode's by up to 0.3 dB (Opus, solarwolf-h2).
   */
  frameSize: number;
  /**
   * Frames the decode starts late by, at the encode's rate: the encoder's priming, which ADTS and
   * a streamed MP3 (no LAME header) do not tell the decoder to drop. Ogg's pre-skip does.
   */
  decodeDelayFrames: number;
}

export const CODEC_ENCODERS: Readonly<Record<CodecId, CodecEncoder>> = {
  aac: {
    frameSize: 1024,
    encoder: 'aac',
    // ffmpeg's default two-loop coder. Its fast coder takes a third of the time but peaks higher
    // (+0.87 against +0.37 dBTP on solarwolf-h2), so it would preview a different encoder.
    rateArgs: ['-b:a', '256k'],
    container: 'adts',
    demuxer: 'aac',
    maxSampleRate: 96_000,
    decodeDelayFrames: 1024,
  },
  vorbis: {
    frameSize: 2048,
    encoder: 'libvorbis',
    rateArgs: ['-q:a', '9'],
    container: 'ogg',
    maxSampleRate: 192_000,
    decodeDelayFrames: 0,
  },
  opus: {
    frameSize: 960,
    encoder: 'libopus',
    rateArgs: ['-b:a', '160k'],
    container: 'ogg',
    maxSampleRate: 48_000,
    fixedSampleRate: 48_000,
    decodeDelayFrames: 0,
  },
  mp3: {
    frameSize: 1152,
    encoder: 'libmp3lame',
    rateArgs: ['-b:a', '320k'],
    container: 'mp3',
    maxSampleRate: 48_000,
    decodeDelayFrames: 1105,
  },
};

/**
 * At most this many ffmpeg encoders run at once (never more than the cores), each encoding its
 * share of the codecs one after the other; the measurements run beside them.
 */
export const CODEC_CONCURRENCY = Math.max(1, Math.min(2, availableParallelism()));

/** Room past the source length for the encoders' priming and padding frames. */
const PADDING_SEC = 1;

export interface CodecPreviewOptions extends FfmpegBinaries {
  pool: MeasurePool;
  /** The decoded mix: the windows are encoded from it, not decoded from the file again. */
  audio: AudioData;
  signal?: AbortSignal;
  timeoutMs: number;
  /** The encoders to assume; by default those of `ffmpeg -encoders`. */
  encoders?: ReadonlySet<string>;
}

/** The ffmpeg options that encode `codec` at its preview bit rate from samples at `sampleRate`. */
export function encoderArgs(codec: CodecId, sampleRate: number): string[] {
  const { encoder, rateArgs } = CODEC_ENCODERS[codec];
  const rate = encodedSampleRate(codec, sampleRate);
  return ['-c:a', encoder, ...rateArgs, ...(rate !== sampleRate ? ['-ar', String(rate)] : [])];
}

/** The rate the encode, and so its decode, runs at. */
export function encodedSampleRate(codec: CodecId, sampleRate: number): number {
  const { fixedSampleRate, maxSampleRate } = CODEC_ENCODERS[codec];
  return fixedSampleRate ?? Math.min(sampleRate, maxSampleRate);
}

/**
 * The encoder's frame grid in frames of the source: the least whole number of source frames that
 * is a whole number of encoder frames once resampled.
 */
export function sourceFrameQuantum(codec: CodecId, sourceRate: number): number {
  const rate = encodedSampleRate(codec, sourceRate);
  const span = CODEC_ENCODERS[codec].frameSize * sourceRate;
  return span / gcd(span, rate);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The windows with their starts and ends moved out to the grid (the track's end excepted). A start
 * that would then fall inside the window before begins where that one ends, on the grid too: the
 * two are contiguous in the track, and their cores (apart by two margins) are untouched.
 */
export function snapWindows(
  windows: readonly CodecWindow[],
  quantum: number,
  length: number,
): CodecWindow[] {
  const snapped: CodecWindow[] = [];
  for (const window of windows) {
    const previousEnd = snapped.at(-1)?.end ?? 0;
    const start = Math.max(previousEnd, Math.floor(window.start / quantum) * quantum);
    const end = Math.min(length, Math.ceil(window.end / quantum) * quantum);
    snapped.push({ ...window, start, end });
  }
  return snapped;
}

/** The windows joined end to end, and where their cores fall in that join. */
export interface JoinedWindows {
  pcm: PcmInput;
  /** Frames of the join. */
  frames: number;
  /** The cores, in frames of the join. */
  cores: FrameRegion[];
  /** Seconds of the track the cores hold. */
  measuredSec: number;
}

/** Joins the windows' samples, interleaved for ffmpeg. */
export function joinWindows(audio: AudioData, windows: readonly CodecWindow[]): JoinedWindows {
  const total = windows.reduce((sum, w) => sum + (w.end - w.start), 0);
  const channelCount = audio.channels.length;
  const samples = Buffer.alloc(total * channelCount * 4);
  const interleaved = new Float32Array(samples.buffer, samples.byteOffset, total * channelCount);
  const cores: FrameRegion[] = [];
  let at = 0;
  for (const window of windows) {
    audio.channels.forEach((channel, c) => {
      const part = channel.subarray(window.start, window.end);
      for (let i = 0; i < part.length; i++) interleaved[(at + i) * channelCount + c] = part[i];
    });
    cores.push([at + window.coreStart - window.start, at + window.coreEnd - window.start]);
    at += window.end - window.start;
  }
  if (endianness() === 'BE') samples.swap32();
  const measuredFrames = cores.reduce((sum, [start, end]) => sum + (end - start), 0);
  return {
    pcm: { samples, sampleRate: audio.sampleRate, channels: channelCount },
    frames: total,
    cores,
    measuredSec: Math.round((measuredFrames / audio.sampleRate) * 10) / 10,
  };
}

/**
 * Encodes the loudest, peakiest windows of the mix (selectCodecWindows) with each codec of
 * CODEC_PREVIEWS, decodes them and measures their cores on the pool. The codecs are shared out
 * among CODEC_CONCURRENCY ffmpeg processes, and one more decodes every encode. A codec that
 * cannot be measured keeps its row with the reason.
 */
export async function previewCodecs(options: CodecPreviewOptions): Promise<CodecPreview[]> {
  const { pool, audio } = options;
  const context = { invalidSampleCount: 0 };
  const [encoders, windows] = await Promise.all([
    options.encoders ?? availableEncoders(options),
    pool.run('codecWindows', audio, context),
  ]);
  options.signal?.throwIfAborted();
  const length = audio.channels[0]?.length ?? 0;
  // The cores are the same on every grid: the original's loudness over them is measured once.
  const original = pool.run('regionsLoudness', audio, {
    ...context,
    regions: windows.map((w): FrameRegion => [w.coreStart, w.coreEnd]),
  });
  original.catch(() => undefined);
  // Codecs on the same grid share the join of the windows.
  const joins = new Map<number, JoinedWindows>();
  const joinFor = (codec: CodecId) => {
    const quantum = sourceFrameQuantum(codec, audio.sampleRate);
    let joined = joins.get(quantum);
    if (joined === undefined) {
      joined = joinWindows(audio, snapWindows(windows, quantum, length));
      joins.set(quantum, joined);
    }
    return joined;
  };

  const rows = new Map<CodecId, CodecPreview>();
  const present: CodecId[] = [];
  for (const { codec, bitrateKbps } of CODEC_PREVIEWS) {
    const { encoder } = CODEC_ENCODERS[codec];
    if (encoders.has(encoder)) present.push(codec);
    else {
      const reason = `this ffmpeg has no ${encoder} encoder for ${codecName(codec)}`;
      rows.set(codec, missingCodecRow(codec, bitrateKbps, reason));
    }
  }
  const lanes = Array.from({ length: CODEC_CONCURRENCY }, (_, lane) =>
    present.filter((_, i) => i % CODEC_CONCURRENCY === lane),
  ).filter((lane) => lane.length > 0);
  const encodeOne = (codec: CodecId) => ({
    input: joinFor(codec).pcm,
    encoderArgs: encoderArgs(codec, audio.sampleRate),
    container: CODEC_ENCODERS[codec].container,
  });
  const encoded = new Map<CodecId, Buffer>();
  await Promise.all(
    lanes.map(async (lane) => {
      const outputs = await withFallback(lane, rows, (codecs) =>
        encodeStreams(codecs.map(encodeOne), ffmpegLimits(options)),
      );
      for (const [codec, bytes] of outputs) encoded.set(codec, bytes);
    }),
  );
  const decodable = present.filter((codec) => encoded.has(codec));
  const decoded = await withFallback(decodable, rows, (codecs) =>
    decodeStreams(
      codecs.map((codec) => ({
        encoded: encoded.get(codec)!,
        demuxer: CODEC_ENCODERS[codec].demuxer ?? CODEC_ENCODERS[codec].container,
      })),
      ffmpegLimits(options),
    ),
  );
  await Promise.all(
    [...decoded].map(async ([codec, samples]) => {
      rows.set(codec, await measureDecode(codec, samples, joinFor(codec), original, options));
    }),
  );
  return CODEC_PREVIEWS.map(({ codec }) => rows.get(codec)!);
}

function ffmpegLimits(options: CodecPreviewOptions) {
  return { ffmpegPath: options.ffmpegPath, signal: options.signal, timeoutMs: options.timeoutMs };
}

/**
 * Runs `work` on the codecs together; when it fails with an AnalysisError, runs it on each codec
 * alone, so the codec at fault is the one reported missing (with ffmpeg's error) and not its
 * neighbours. Returns each codec's output.
 */
async function withFallback(
  codecs: readonly CodecId[],
  rows: Map<CodecId, CodecPreview>,
  work: (codecs: readonly CodecId[]) => Promise<Buffer[]>,
): Promise<Map<CodecId, Buffer>> {
  const outputs = new Map<CodecId, Buffer>();
  if (codecs.length === 0) return outputs;
  try {
    const buffers = await work(codecs);
    codecs.forEach((codec, i) => outputs.set(codec, buffers[i]));
    return outputs;
  } catch (error) {
    if (!(error instanceof AnalysisError)) throw error;
    if (codecs.length === 1) {
      const { bitrateKbps } = CODEC_PREVIEWS.find((entry) => entry.codec === codecs[0])!;
      rows.set(codecs[0], missingCodecRow(codecs[0], bitrateKbps, error.message));
      return outputs;
    }
  }
  for (const codec of codecs) {
    for (const [key, value] of await withFallback([codec], rows, work)) outputs.set(key, value);
  }
  return outputs;
}

async function measureDecode(
  codec: CodecId,
  samples: Buffer,
  joined: JoinedWindows,
  original: Promise<number | null>,
  options: CodecPreviewOptions,
): Promise<CodecPreview> {
  const { bitrateKbps } = CODEC_PREVIEWS.find((entry) => entry.codec === codec)!;
  const sourceRate = joined.pcm.sampleRate;
  const rate = encodedSampleRate(codec, sourceRate);
  const frames = Math.ceil((joined.frames / sourceRate + PADDING_SEC) * rate);
  const writer = new PlanarWriter(joined.pcm.channels, frames, frames * 2, () => {
    return new AnalysisError(
      'ENCODE_FAILED',
      `the ${codecName(codec)} decode is longer than its input`,
    );
  });
  try {
    writer.write(samples);
  } catch (error) {
    if (error instanceof AnalysisError) return missingCodecRow(codec, bitrateKbps, error.message);
    throw error;
  }
  const decoded = { sampleRate: rate, channels: writer.finish(), channelLabels: [] };
  const decodedLength = decoded.channels[0]?.length ?? 0;
  const { decodeDelayFrames } = CODEC_ENCODERS[codec];
  const regions = joined.cores.map(([start, end]): FrameRegion => {
    const at = (frame: number) =>
      Math.min(decodedLength, Math.round((frame * rate) / sourceRate) + decodeDelayFrames);
    return [at(start), at(end)];
  });
  options.signal?.throwIfAborted();
  const levels = await options.pool.run('codecLevels', decoded, {
    invalidSampleCount: 0,
    regions,
  });
  const originalLufs = await original;
  const reasons: Record<string, string> = {};
  const delta =
    levels.integratedLufs !== null && originalLufs !== null
      ? Math.round((levels.integratedLufs - originalLufs) * 100) / 100
      : null;
  if (delta === null) reasons.integratedLufsDelta = 'no integrated loudness (silent or too short)';
  if (levels.truePeakDbtp === null) reasons.truePeakDbtp = 'the decoded encode is digital silence';
  return {
    codec,
    bitrateKbps,
    available: true,
    measuredSec: joined.measuredSec,
    truePeakDbtp: levels.truePeakDbtp,
    overs: {
      clippedSamples: levels.clippedSamples,
      truePeakOvers: levels.truePeakOvers,
      thresholdDbtp: levels.thresholdDbtp,
    },
    integratedLufsDelta: delta,
    reasons,
  };
}

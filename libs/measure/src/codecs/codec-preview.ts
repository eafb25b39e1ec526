import {
  CODEC_PREVIEWS,
  codecName,
  missingCodecRow,
  type CodecId,
  type CodecPreview,
} from '@mixscope/contracts';
import { AnalysisError } from '../errors.ts';
import { PlanarWriter } from '../decode/planar-writer.ts';
import {
  availableEncoders,
  encodeAndDecode,
  type FfmpegBinaries,
} from '../decode/ffmpeg.adapter.ts';
import type { MeasurePool } from '../measure-pool.ts';

/** How ffmpeg encodes each codec of the preview, at the bit rate of CODEC_PREVIEWS. */
export interface CodecEncoder {
  /** The ffmpeg encoder, as `ffmpeg -encoders` names it. */
  encoder: string;
  container: string;
  /** ffmpeg's demuxer for the container, where its name differs. */
  demuxer?: string;
  /** The highest sample rate the encoder takes (higher rates are resampled to it). */
  maxSampleRate: number;
  /** The one rate the encoder works at (Opus: 48 kHz), if any. */
  fixedSampleRate?: number;
}

export const CODEC_ENCODERS: Readonly<Record<CodecId, CodecEncoder>> = {
  aac: { encoder: 'aac', container: 'adts', demuxer: 'aac', maxSampleRate: 96_000 },
  vorbis: { encoder: 'libvorbis', container: 'ogg', maxSampleRate: 192_000 },
  opus: { encoder: 'libopus', container: 'ogg', maxSampleRate: 48_000, fixedSampleRate: 48_000 },
  mp3: { encoder: 'libmp3lame', container: 'mp3', maxSampleRate: 48_000 },
};

/** At most this many encodes run at once: each holds an ffmpeg pair and a decoded copy. */
export const CODEC_CONCURRENCY = 2;

/** Room past the probed length for the encoders' priming and padding frames. */
const PADDING_SEC = 1;

export interface CodecPreviewOptions extends FfmpegBinaries {
  pool: MeasurePool;
  /** The original's figures the encodes are compared with. */
  original: {
    sampleRate: number;
    channels: number;
    durationSec: number;
    /** The original's integrated loudness, measured meanwhile on the pool. */
    integratedLufs: PromiseLike<number | null>;
  };
  signal?: AbortSignal;
  timeoutMs: number;
  /** The encoders to assume; by default those of `ffmpeg -encoders`. */
  encoders?: ReadonlySet<string>;
}

/** The ffmpeg options that encode `codec` at its preview bit rate from a file at `sampleRate`. */
export function encoderArgs(codec: CodecId, sampleRate: number): string[] {
  const { encoder } = CODEC_ENCODERS[codec];
  const bitrate = CODEC_PREVIEWS.find((entry) => entry.codec === codec)!.bitrateKbps;
  const rate = encodedSampleRate(codec, sampleRate);
  return [
    '-c:a',
    encoder,
    '-b:a',
    `${bitrate}k`,
    ...(rate !== sampleRate ? ['-ar', String(rate)] : []),
  ];
}

/** The rate the encode, and so its decode, runs at. */
export function encodedSampleRate(codec: CodecId, sampleRate: number): number {
  const { fixedSampleRate, maxSampleRate } = CODEC_ENCODERS[codec];
  return fixedSampleRate ?? Math.min(sampleRate, maxSampleRate);
}

/**
 * Encodes the mix with each codec of CODEC_PREVIEWS, decodes it and measures it on the pool, at
 * most CODEC_CONCURRENCY at once. A codec that cannot be measured keeps its row with the reason.
 */
export async function previewCodecs(
  path: string,
  options: CodecPreviewOptions,
): Promise<CodecPreview[]> {
  const encoders = options.encoders ?? (await availableEncoders(options));
  const rows: CodecPreview[] = new Array(CODEC_PREVIEWS.length);
  let next = 0;
  const lane = async () => {
    while (next < CODEC_PREVIEWS.length) {
      const index = next++;
      rows[index] = await previewOne(path, CODEC_PREVIEWS[index].codec, encoders, options);
    }
  };
  await Promise.all(Array.from({ length: CODEC_CONCURRENCY }, lane));
  return rows;
}

async function previewOne(
  path: string,
  codec: CodecId,
  encoders: ReadonlySet<string>,
  options: CodecPreviewOptions,
): Promise<CodecPreview> {
  const bitrateKbps = CODEC_PREVIEWS.find((entry) => entry.codec === codec)!.bitrateKbps;
  const { encoder, container, demuxer } = CODEC_ENCODERS[codec];
  if (!encoders.has(encoder)) {
    return missingCodecRow(
      codec,
      bitrateKbps,
      `this ffmpeg has no ${encoder} encoder for ${codecName(codec)}`,
    );
  }
  options.signal?.throwIfAborted();
  const { original } = options;
  const rate = encodedSampleRate(codec, original.sampleRate);
  const channels = Math.min(original.channels, 2);
  const frames = Math.ceil((original.durationSec + PADDING_SEC) * rate);
  const writer = new PlanarWriter(channels, frames, frames * 2, () => {
    return new AnalysisError(
      'ENCODE_FAILED',
      `the ${codecName(codec)} decode is longer than the file`,
    );
  });
  try {
    await encodeAndDecode(path, {
      ffmpegPath: options.ffmpegPath,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      encoderArgs: encoderArgs(codec, original.sampleRate),
      container,
      demuxer,
      onSamples: (chunk) => writer.write(chunk),
    });
  } catch (error) {
    if (error instanceof AnalysisError) return missingCodecRow(codec, bitrateKbps, error.message);
    throw error;
  }
  const audio = { sampleRate: rate, channels: writer.finish(), channelLabels: [] };
  const levels = await options.pool.run('codecLevels', audio, { invalidSampleCount: 0 });
  const reasons: Record<string, string> = {};
  const originalLufs = await original.integratedLufs;
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

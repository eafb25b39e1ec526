import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AnalysisErrorCode } from '../errors.ts';

const run = promisify(execFile);

export type BadInputCase =
  | 'empty'
  | 'random-bytes-mp3'
  | 'random-bytes-flac'
  | 'text-ogg'
  | 'truncated-flac'
  | 'wav-header-lies'
  | 'float-wav-nan-inf'
  | 'digital-silence-10s'
  | 'short-50ms'
  | 'mono-192k-24bit'
  | 'surround-5-1'
  | 'pcm-8bit'
  | 'aac-m4a'
  | 'shell-characters-name';

export type BadInputExpectation =
  | { error: AnalysisErrorCode }
  | {
      decodes: {
        sampleRate: number;
        /** The file's channels. */
        channels: number;
        /** More than two channels: decoded as the stereo downmix, with these labels. */
        downmixed?: true;
        channelLabels: string[];
        /** Decoded duration lies in [min, max] seconds. */
        durationSec: [number, number];
        invalidSampleCount: number;
      };
    };

/** Where the float WAV puts its invalid samples: NaN, +Inf, -Inf, by frame and channel. */
export const INVALID_SAMPLES = [
  { frame: 10, channel: 0, value: NaN },
  { frame: 11, channel: 1, value: Infinity },
  { frame: 500, channel: 0, value: -Infinity },
  { frame: 4000, channel: 1, value: NaN },
];

const MONO = ['FC'];
const STEREO = ['FL', 'FR'];
const SURROUND_5_1 = ['FL', 'FR', 'FC', 'LFE', 'BL', 'BR'];

/** A decode of `channelLabels.length` channels lasting `durationSec` (exactly, or within [min, max]). */
function decodes(
  sampleRate: number,
  channelLabels: string[],
  durationSec: number | [number, number],
  invalidSampleCount = 0,
): BadInputExpectation {
  const [min, max] = typeof durationSec === 'number' ? [durationSec, durationSec] : durationSec;
  return {
    decodes: {
      sampleRate,
      channels: channelLabels.length,
      channelLabels,
      durationSec: [min, max],
      invalidSampleCount,
    },
  };
}

/** A file of more than two channels, which decodes as its stereo downmix. */
function downmixed(expectation: BadInputExpectation): BadInputExpectation {
  if (!('decodes' in expectation)) return expectation;
  return { decodes: { ...expectation.decodes, downmixed: true, channelLabels: STEREO } };
}

/** What decoding each case must give: a decode with these properties, or this error code. */
export const BAD_INPUT_EXPECTATIONS: Record<BadInputCase, BadInputExpectation> = {
  empty: { error: 'EMPTY_FILE' },
  'random-bytes-mp3': { error: 'NOT_DECODABLE' },
  'random-bytes-flac': { error: 'NOT_DECODABLE' },
  'text-ogg': { error: 'NOT_DECODABLE' },
  // 60 % of a 5 s FLAC: the frames that are there decode, the rest is gone.
  'truncated-flac': decodes(44100, MONO, [2, 4.9]),
  // The header claims 60 s; the file holds 2 s.
  'wav-header-lies': decodes(44100, STEREO, 2),
  'float-wav-nan-inf': decodes(48000, STEREO, 0.1, INVALID_SAMPLES.length),
  'digital-silence-10s': decodes(44100, STEREO, 10),
  'short-50ms': decodes(44100, STEREO, 0.05),
  'mono-192k-24bit': decodes(192000, MONO, 1),
  'surround-5-1': downmixed(decodes(48000, SURROUND_5_1, 1)),
  'pcm-8bit': decodes(22050, MONO, 1),
  // AAC frames are 1024 samples; ffmpeg may keep part of the last one.
  'aac-m4a': decodes(44100, STEREO, [1.99, 2.05]),
  'shell-characters-name': decodes(44100, STEREO, 1),
};

const FILE_NAMES: Record<BadInputCase, string> = {
  empty: 'empty.wav',
  'random-bytes-mp3': 'random-bytes.mp3',
  'random-bytes-flac': 'random-bytes.flac',
  'text-ogg': 'text.ogg',
  'truncated-flac': 'truncated.flac',
  'wav-header-lies': 'header-lies.wav',
  'float-wav-nan-inf': 'float-nan-inf.wav',
  'digital-silence-10s': 'silence-10s.wav',
  'short-50ms': 'short-50ms.wav',
  'mono-192k-24bit': 'mono-192k-24bit.wav',
  'surround-5-1': 'surround-5.1.wav',
  'pcm-8bit': 'pcm-8bit.wav',
  'aac-m4a': 'aac.m4a',
  'shell-characters-name': "a b $(x) ';&.wav",
};

/**
 * Writes one file per case into `dir` (ffmpeg generates the audio ones) and returns their paths.
 * Nothing binary is committed: every file is made at test time.
 */
export async function makeBadInputs(dir: string): Promise<Record<BadInputCase, string>> {
  const paths = Object.fromEntries(
    Object.entries(FILE_NAMES).map(([key, name]) => [key, join(dir, name)]),
  ) as Record<BadInputCase, string>;

  const fullFlac = join(dir, 'full-for-truncation.flac');
  await Promise.all([
    writeFile(paths.empty, new Uint8Array(0)),
    writeFile(paths['random-bytes-mp3'], pseudoRandomBytes(65536, 1)),
    writeFile(paths['random-bytes-flac'], pseudoRandomBytes(65536, 2)),
    writeFile(paths['text-ogg'], 'These are the lyrics, not the song.\n'.repeat(200)),
    writeFile(paths['wav-header-lies'], pcm16WavClaiming60s(2, 44100, 2)),
    writeFile(paths['float-wav-nan-inf'], floatWavWithInvalidSamples(48000, 0.1)),
    ffmpeg(
      ['-f', 'lavfi', '-i', 'anullsrc=r=44100:cl=stereo', '-t', '10', '-c:a', 'pcm_s16le'],
      paths['digital-silence-10s'],
    ),
    ffmpeg([...sine(44100, 0.05), '-ac', '2', '-c:a', 'pcm_s16le'], paths['short-50ms']),
    ffmpeg([...sine(192000, 1), '-c:a', 'pcm_s24le'], paths['mono-192k-24bit']),
    ffmpeg(
      [
        ...[
          '-f',
          'lavfi',
          '-i',
          'sine=f=220:r=48000:d=1',
          '-f',
          'lavfi',
          '-i',
          'sine=f=330:r=48000:d=1',
        ],
        '-filter_complex',
        '[0][1]amerge=inputs=2,pan=5.1|c0=c0|c1=c1|c2=0.5*c0|c3=0.2*c1|c4=0.3*c0|c5=0.3*c1',
        '-c:a',
        'pcm_s16le',
      ],
      paths['surround-5-1'],
    ),
    ffmpeg([...sine(22050, 1), '-c:a', 'pcm_u8'], paths['pcm-8bit']),
    ffmpeg([...sine(44100, 2), '-ac', '2', '-c:a', 'aac', '-b:a', '128k'], paths['aac-m4a']),
    ffmpeg([...sine(44100, 1), '-ac', '2', '-c:a', 'pcm_s16le'], paths['shell-characters-name']),
    ffmpeg([...sine(44100, 5), '-c:a', 'flac'], fullFlac),
  ]);
  const flac = await readFile(fullFlac);
  await writeFile(paths['truncated-flac'], flac.subarray(0, Math.floor(flac.length * 0.6)));
  return paths;
}

function sine(sampleRate: number, seconds: number): string[] {
  return ['-f', 'lavfi', '-i', `sine=f=440:r=${sampleRate}:d=${seconds}`];
}

async function ffmpeg(args: string[], output: string): Promise<void> {
  await run('ffmpeg', ['-nostdin', '-v', 'error', '-y', ...args, `file:${output}`]);
}

/** Deterministic bytes (xorshift32), so a failure reproduces. */
function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

function riffHeader(
  formatTag: number,
  channels: number,
  sampleRate: number,
  bits: number,
  dataBytes: number,
): Buffer {
  const header = Buffer.alloc(44);
  const blockAlign = (channels * bits) / 8;
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(formatTag, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(bits, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/** A 16-bit WAV holding `seconds` of a 440 Hz tone whose header claims 60 s. */
function pcm16WavClaiming60s(channels: number, sampleRate: number, seconds: number): Buffer {
  const frames = sampleRate * seconds;
  const data = Buffer.alloc(frames * channels * 2);
  for (let i = 0; i < frames; i++) {
    const v = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate));
    for (let c = 0; c < channels; c++) data.writeInt16LE(v, (i * channels + c) * 2);
  }
  return Buffer.concat([
    riffHeader(1, channels, sampleRate, 16, 60 * sampleRate * channels * 2),
    data,
  ]);
}

/** A stereo 32-bit float WAV (format tag 3) with NaN and ±Infinity at INVALID_SAMPLES. */
function floatWavWithInvalidSamples(sampleRate: number, seconds: number): Buffer {
  const frames = Math.round(sampleRate * seconds);
  const data = Buffer.alloc(frames * 2 * 4);
  for (let i = 0; i < frames; i++) {
    const v = 0.25 * Math.sin((2 * Math.PI * 1000 * i) / sampleRate);
    data.writeFloatLE(v, i * 8);
    data.writeFloatLE(-v, i * 8 + 4);
  }
  for (const { frame, channel, value } of INVALID_SAMPLES)
    data.writeFloatLE(value, (frame * 2 + channel) * 4);
  return Buffer.concat([riffHeader(3, 2, sampleRate, 32, data.length), data]);
}

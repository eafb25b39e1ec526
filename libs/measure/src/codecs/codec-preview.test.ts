import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWith, type Requirement } from '@mixscope/test-requirements';
import { CODEC_PREVIEWS, codecPreviewSchema, type CodecId } from '@mixscope/contracts';
import type { AudioData } from '@mixscope/dsp';
import {
  CODEC_ENCODERS,
  encodedSampleRate,
  encoderArgs,
  joinWindows,
  previewCodecs,
  snapWindows,
} from './codec-preview.ts';
import { decodeFile } from '../decode/decode.ts';
import { decodeStreams, encodeStreams } from '../decode/ffmpeg.adapter.ts';
import { PlanarWriter } from '../decode/planar-writer.ts';
import { AnalysisError } from '../errors.ts';
import { MeasurePool } from '../measure-pool.ts';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const music = join(repoRoot, 'fixtures/music/funnyboat-trip.s16.wav');
const musicFixture: Requirement = {
  what: 'the music fixtures',
  missing: existsSync(music) ? null : `no ${music}`,
  provide: 'run `npm run fixtures:music`',
};

describe('encoder options', () => {
  it('encodes Opus at 48 kHz and MP3 at no more than 48 kHz, at the preview bit rates', () => {
    expect(encoderArgs('opus', 44_100)).toEqual([
      '-c:a',
      'libopus',
      '-b:a',
      '160k',
      '-ar',
      '48000',
    ]);
    expect(encoderArgs('mp3', 96_000)).toEqual([
      '-c:a',
      'libmp3lame',
      '-b:a',
      '320k',
      '-ar',
      '48000',
    ]);
    expect(encoderArgs('aac', 44_100)).toEqual(['-c:a', 'aac', '-b:a', '256k']);
    expect(encodedSampleRate('aac', 192_000)).toBe(96_000);
  });

  it('asks Vorbis for quality 9, which libvorbis takes for mono and at any rate', () => {
    expect(encoderArgs('vorbis', 48_000)).toEqual(['-c:a', 'libvorbis', '-q:a', '9']);
  });
});

describe('joinWindows', () => {
  it('interleaves the windows and places their cores in the join', () => {
    const left = Float32Array.from({ length: 100 }, (_, i) => i);
    const right = Float32Array.from({ length: 100 }, (_, i) => -i);
    const audio: AudioData = { sampleRate: 10, channels: [left, right], channelLabels: [] };
    const joined = joinWindows(audio, [
      { start: 10, end: 30, coreStart: 15, coreEnd: 25 },
      { start: 60, end: 70, coreStart: 60, coreEnd: 70 },
    ]);
    expect(joined.cores).toEqual([
      [5, 15],
      [20, 30],
    ]);
    expect(joined.measuredSec).toBe(2);
    expect(joined.frames).toBe(30);
    const pcm = new Float32Array(joined.pcm.samples.buffer, joined.pcm.samples.byteOffset, 60);
    expect(Array.from(pcm.subarray(0, 4))).toEqual([10, -10, 11, -11]);
    expect(Array.from(pcm.subarray(36, 44))).toEqual([28, -28, 29, -29, 60, -60, 61, -61]);
  });

  it('puts windows on the grid, a window that would overlap the one before starting where it ends', () => {
    const windows = [
      { start: 100, end: 300, coreStart: 150, coreEnd: 250 },
      { start: 310, end: 500, coreStart: 360, coreEnd: 450 },
    ];
    expect(snapWindows(windows, 64, 480)).toEqual([
      { start: 64, end: 320, coreStart: 150, coreEnd: 250 },
      { start: 320, end: 480, coreStart: 360, coreEnd: 450 },
    ]);
  });
});

/** A click at one second, in silence, through the codec: where the decode puts it. */
async function clickPosition(codec: CodecId, sampleRate: number): Promise<number> {
  const frames = 3 * sampleRate;
  const samples = Buffer.alloc(frames * 2 * 4);
  const pcm = new Float32Array(samples.buffer, samples.byteOffset, frames * 2);
  pcm.fill(0);
  pcm[sampleRate * 2] = 0.5;
  pcm[sampleRate * 2 + 1] = 0.5;
  const rate = encodedSampleRate(codec, sampleRate);
  const { container, demuxer } = CODEC_ENCODERS[codec];
  const limits = { timeoutMs: 30_000 };
  const [encoded] = await encodeStreams(
    [
      {
        input: { samples, sampleRate, channels: 2 },
        encoderArgs: encoderArgs(codec, sampleRate),
        container,
      },
    ],
    limits,
  );
  const [decoded] = await decodeStreams([{ encoded, demuxer: demuxer ?? container }], limits);
  const writer = new PlanarWriter(2, 4 * rate, 8 * rate, () => new AnalysisError('TOO_LONG', ''));
  writer.write(decoded);
  const [left] = writer.finish();
  let at = 0;
  for (let i = 1; i < left.length; i++) if (Math.abs(left[i]) > Math.abs(left[at])) at = i;
  return at;
}

describe('encodeStreams and decodeStreams', () => {
  it('encode and decode several streams in one process each, each in its own pipes', async () => {
    const tone = (frequency: number, sampleRate: number) => {
      const frames = sampleRate;
      const samples = Buffer.alloc(frames * 4);
      const pcm = new Float32Array(samples.buffer, samples.byteOffset, frames);
      for (let i = 0; i < frames; i++)
        pcm[i] = 0.5 * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
      return { samples, sampleRate, channels: 1 };
    };
    const limits = { timeoutMs: 30_000 };
    const encoded = await encodeStreams(
      [
        { input: tone(440, 44_100), encoderArgs: encoderArgs('mp3', 44_100), container: 'mp3' },
        { input: tone(1000, 48_000), encoderArgs: encoderArgs('opus', 48_000), container: 'ogg' },
        { input: tone(440, 22_050), encoderArgs: encoderArgs('vorbis', 22_050), container: 'ogg' },
      ],
      limits,
    );
    expect(encoded.map((bytes) => bytes.length > 1000)).toEqual([true, true, true]);
    const decoded = await decodeStreams(
      [
        { encoded: encoded[0], demuxer: 'mp3' },
        { encoded: encoded[1], demuxer: 'ogg' },
        { encoded: encoded[2], demuxer: 'ogg' },
      ],
      limits,
    );
    // Mono float frames: a second of audio each (plus the MP3's priming), at each stream's rate.
    const seconds = decoded.map((bytes, i) => bytes.length / 4 / [44_100, 48_000, 22_050][i]);
    for (const length of seconds) expect(length).toBeGreaterThan(0.95);
    for (const length of seconds) expect(length).toBeLessThan(1.1);
  });

  it("fails with ffmpeg's error for an encoder option it refuses", async () => {
    const samples = Buffer.alloc(44_100 * 4);
    const pending = encodeStreams(
      [
        {
          input: { samples, sampleRate: 44_100, channels: 1 },
          encoderArgs: ['-c:a', 'libvorbis', '-b:a', '900k'],
          container: 'ogg',
        },
      ],
      { timeoutMs: 30_000 },
    );
    await expect(pending).rejects.toThrow(/^ffmpeg could not encode: /);
  });
});

describe('decode delay', () => {
  it.each(CODEC_PREVIEWS.map((entry) => entry.codec))(
    '%s decodes start late by its decodeDelayFrames',
    async (codec) => {
      const rate = encodedSampleRate(codec, 44_100);
      const at = await clickPosition(codec, 44_100);
      const expected = rate + CODEC_ENCODERS[codec].decodeDelayFrames;
      // The codec smears the click over a few samples around its place.
      expect(Math.abs(at - expected)).toBeLessThanOrEqual(3);
    },
    30_000,
  );
});

describeWith(musicFixture, 'previewCodecs', () => {
  let pool: MeasurePool;
  let audio: AudioData;
  beforeAll(async () => {
    pool = new MeasurePool();
    audio = (await decodeFile(music)).audio;
  });
  afterAll(() => pool.close());

  it('reports a codec this ffmpeg lacks as missing, with the reason, and measures the rest', async () => {
    const encoders = new Set(
      Object.values(CODEC_ENCODERS)
        .map((entry) => entry.encoder)
        .filter((name) => name !== 'libopus'),
    );
    const rows = await previewCodecs({ pool, audio, timeoutMs: 120_000, encoders });
    expect(rows.map((row) => row.codec)).toEqual(['aac', 'vorbis', 'opus', 'mp3']);
    const opus = rows.find((row) => row.codec === 'opus')!;
    expect(opus).toMatchObject({ available: false, truePeakDbtp: null, overs: null });
    expect(opus.reasons.codec).toBe('this ffmpeg has no libopus encoder for Opus');
    for (const row of rows) expect(codecPreviewSchema.safeParse(row).success).toBe(true);
    for (const row of rows.filter((entry) => entry.codec !== 'opus')) {
      expect(row.available).toBe(true);
      expect(row.truePeakDbtp).toBeTypeOf('number');
      expect(row.integratedLufsDelta).toBeTypeOf('number');
      // The 45 s clip is measured on its windows, not encoded whole.
      expect(row.measuredSec).toBeGreaterThan(3);
      expect(row.measuredSec).toBeLessThan(15);
    }
  }, 180_000);

  it.each([44_100, 22_050])(
    'measures every codec of a mono mix at %i Hz',
    async (sampleRate) => {
      const source = audio.channels[0];
      const step = audio.sampleRate / sampleRate;
      const mono = Float32Array.from(
        { length: Math.floor(source.length / step) },
        (_, i) => source[Math.floor(i * step)],
      );
      const rows = await previewCodecs({
        pool,
        audio: { sampleRate, channels: [mono], channelLabels: ['FC'] },
        timeoutMs: 120_000,
      });
      for (const row of rows) {
        expect(row.available, `${row.codec}: ${row.reasons.codec}`).toBe(true);
        expect(row.truePeakDbtp).toBeTypeOf('number');
      }
    },
    180_000,
  );

  it('stops the encodes when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = previewCodecs({
      pool,
      audio,
      timeoutMs: 120_000,
      signal: controller.signal,
      encoders: new Set(['aac']),
    });
    controller.abort(new Error('stopped'));
    await expect(pending).rejects.toThrow('stopped');
  });
});

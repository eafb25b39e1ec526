import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWith, type Requirement } from '@mixscope/test-requirements';
import { codecPreviewSchema } from '@mixscope/contracts';
import { CODEC_ENCODERS, encodedSampleRate, encoderArgs, previewCodecs } from './codec-preview.ts';
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
    expect(encoderArgs('vorbis', 48_000)).toEqual(['-c:a', 'libvorbis', '-b:a', '320k']);
    expect(encodedSampleRate('aac', 192_000)).toBe(96_000);
  });
});

describeWith(musicFixture, 'previewCodecs', () => {
  let pool: MeasurePool;
  beforeAll(() => {
    pool = new MeasurePool();
  });
  afterAll(() => pool.close());

  const original = {
    sampleRate: 44_100,
    channels: 2,
    durationSec: 40,
    integratedLufs: Promise.resolve(-12),
  };

  it('reports a codec this ffmpeg lacks as missing, with the reason, and measures the rest', async () => {
    const encoders = new Set(
      Object.values(CODEC_ENCODERS)
        .map((entry) => entry.encoder)
        .filter((name) => name !== 'libopus'),
    );
    const rows = await previewCodecs(music, { pool, timeoutMs: 120_000, original, encoders });
    expect(rows.map((row) => row.codec)).toEqual(['aac', 'vorbis', 'opus', 'mp3']);
    const opus = rows.find((row) => row.codec === 'opus')!;
    expect(opus).toMatchObject({ available: false, truePeakDbtp: null, overs: null });
    expect(opus.reasons.codec).toBe('this ffmpeg has no libopus encoder for Opus');
    for (const row of rows) expect(codecPreviewSchema.safeParse(row).success).toBe(true);
    for (const row of rows.filter((entry) => entry.codec !== 'opus')) {
      expect(row.available).toBe(true);
      expect(row.truePeakDbtp).toBeTypeOf('number');
      expect(row.integratedLufsDelta).toBeTypeOf('number');
    }
  }, 180_000);

  it('stops the encodes when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = previewCodecs(music, {
      pool,
      timeoutMs: 120_000,
      original,
      signal: controller.signal,
      encoders: new Set(['aac']),
    });
    controller.abort(new Error('stopped'));
    await expect(pending).rejects.toThrow('stopped');
  });
});

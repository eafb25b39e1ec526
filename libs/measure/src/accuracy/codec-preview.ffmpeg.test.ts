/**
 * The codec preview on real music: each decoded encode's true peak against ffmpeg's ebur128
 * (peak=true) on the same encode written to a file with the same encoder options.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, type Requirement } from '@mixscope/test-requirements';
import { CODEC_PREVIEWS } from '@mixscope/contracts';
import { CODEC_ENCODERS, encoderArgs, previewCodecs } from '../codecs/codec-preview.ts';
import { probeFile } from '../decode/probe.ts';
import { MeasurePool } from '../measure-pool.ts';

const run = promisify(execFile);
const TRUE_PEAK_TOLERANCE_DB = 0.2;

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const music = join(repoRoot, 'fixtures/music/pangzero-upipang.s24.flac');
const musicFixture: Requirement = {
  what: 'the music fixtures',
  missing: existsSync(music) ? null : `no ${music}`,
  provide: 'run `npm run fixtures:music`',
};

async function ffmpegTruePeak(path: string): Promise<number> {
  const { stderr } = await run(
    'ffmpeg',
    [
      '-nostdin',
      '-hide_banner',
      '-nostats',
      '-i',
      path,
      '-af',
      'ebur128=peak=true',
      '-f',
      'null',
      '-',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const match = /\bPeak:\s+(-?[\d.]+) dBFS/.exec(summary);
  if (!match) throw new Error(`no true peak in ffmpeg's ebur128 summary:\n${summary}`);
  return Number(match[1]);
}

describeWith(musicFixture, 'codec preview true peak against ffmpeg ebur128', () => {
  let dir: string;
  let pool: MeasurePool;
  let rows: Awaited<ReturnType<typeof previewCodecs>>;
  let sampleRate: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'codec-preview-'));
    pool = new MeasurePool();
    const info = await probeFile(music);
    sampleRate = info.sampleRate;
    rows = await previewCodecs(music, {
      pool,
      timeoutMs: 120_000,
      original: {
        sampleRate,
        channels: info.channels,
        durationSec: info.durationSec,
        integratedLufs: Promise.resolve(-14),
      },
    });
  }, 180_000);
  afterAll(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(CODEC_PREVIEWS.map((entry) => entry.codec))(
    '%s',
    async (codec) => {
      const row = rows.find((entry) => entry.codec === codec)!;
      expect(row.available, row.reasons.codec).toBe(true);
      const { container } = CODEC_ENCODERS[codec];
      const encoded = join(dir, `${codec}.${container}`);
      await run('ffmpeg', [
        ...['-nostdin', '-v', 'error', '-i', music, '-map', '0:a:0', '-vn'],
        ...['-af', 'aformat=channel_layouts=mono|stereo', ...encoderArgs(codec, sampleRate)],
        ...['-f', container, encoded],
      ]);
      const reference = await ffmpegTruePeak(encoded);
      expect(Math.abs((row.truePeakDbtp as number) - reference)).toBeLessThanOrEqual(
        TRUE_PEAK_TOLERANCE_DB,
      );
      expect(row.overs).not.toBeNull();
    },
    60_000,
  );
});

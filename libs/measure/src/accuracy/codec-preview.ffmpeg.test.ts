/**
 * The codec preview on real music: the true peak it measures on its windows against ffmpeg's
 * ebur128 (peak=true) on a full encode of the file with the same encoder options, so the windows
 * must hold the encode's highest peak.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWith, type Requirement } from '@mixscope/test-requirements';
import { CODEC_PREVIEWS, type CodecPreview } from '@mixscope/contracts';
import { CODEC_ENCODERS, encoderArgs, previewCodecs } from '../codecs/codec-preview.ts';
import { decodeFile } from '../decode/decode.ts';
import { MeasurePool } from '../measure-pool.ts';

const run = promisify(execFile);
const TRUE_PEAK_TOLERANCE_DB = 0.2;

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const clips = ['funnyboat-trip', 'pangzero-upipang', 'solarwolf-h2'].map((name) =>
  join(repoRoot, `fixtures/music/${name}.s24.flac`),
);
const musicFixture: Requirement = {
  what: 'the music fixtures',
  missing: clips.every((clip) => existsSync(clip)) ? null : `no ${clips.join(', ')}`,
  provide: 'run `npm run fixtures:music`',
};

/**
 * ffmpeg's true peak of a file, from the per-frame metadata of ebur128 (its summary rounds to
 * 0.1 dB; the metadata holds each channel's running linear peak to 0.001).
 */
async function ffmpegTruePeak(path: string): Promise<number> {
  const { stdout } = await run(
    'ffmpeg',
    [
      ...['-nostdin', '-hide_banner', '-nostats', '-v', 'error', '-i', path],
      ...['-af', 'ebur128=peak=true:metadata=1,ametadata=mode=print:file=-', '-f', 'null', '-'],
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  let peak = 0;
  for (const match of stdout.matchAll(/lavfi\.r128\.true_peaks_ch\d+=([\d.]+)/g)) {
    peak = Math.max(peak, Number(match[1]));
  }
  if (peak === 0) throw new Error(`no true peak in ffmpeg's ebur128 metadata of ${path}`);
  return Math.round(20 * Math.log10(peak) * 100) / 100;
}

describeWith(musicFixture, 'codec preview true peak against ffmpeg ebur128', () => {
  let dir: string;
  let pool: MeasurePool;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'codec-preview-'));
    pool = new MeasurePool();
  });
  afterAll(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe.each(clips)('%s', (clip) => {
    let rows: CodecPreview[];
    let info: { sampleRate: number; durationSec: number };
    beforeAll(async () => {
      const decoded = await decodeFile(clip);
      info = decoded.info;
      rows = await previewCodecs({ pool, audio: decoded.audio, timeoutMs: 120_000 });
    }, 180_000);

    it.each(CODEC_PREVIEWS.map((entry) => entry.codec))(
      '%s',
      async (codec) => {
        const row = rows.find((entry) => entry.codec === codec)!;
        expect(row.available, row.reasons.codec).toBe(true);
        // Measured on windows: the full encode's peak must be inside them.
        expect(row.measuredSec).toBeLessThan(info.durationSec / 2);
        const { container } = CODEC_ENCODERS[codec];
        const encoded = join(dir, `${basename(clip)}.${codec}.${container}`);
        await run('ffmpeg', [
          ...['-nostdin', '-v', 'error', '-i', clip, '-map', '0:a:0', '-vn'],
          ...['-af', 'aformat=channel_layouts=mono|stereo', ...encoderArgs(codec, info.sampleRate)],
          ...['-f', container, encoded],
        ]);
        const reference = await ffmpegTruePeak(encoded);
        console.info(
          `${basename(clip)} ${codec}: ${row.truePeakDbtp} dBTP on ${row.measuredSec} s, ffmpeg ${reference} dBTP on the full encode`,
        );
        expect(Math.abs((row.truePeakDbtp as number) - reference)).toBeLessThanOrEqual(
          TRUE_PEAK_TOLERANCE_DB,
        );
        expect(row.overs).not.toBeNull();
      },
      60_000,
    );
  });
});

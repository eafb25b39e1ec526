/**
 * Real mixed music in six formats, measured through the real decode path and compared with
 * ffmpeg's ebur128 filter (libavfilter's independent BS.1770 / R128 implementation).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { describeWith, type Requirement } from '@mixscope/test-requirements';
import { decodeFile } from '../decode/decode.ts';
import { measureLoudness } from '@mixscope/dsp';
import { measureTruePeak } from '@mixscope/dsp';

const run = promisify(execFile);

const INTEGRATED_TOLERANCE_LU = 0.1;
const LRA_TOLERANCE_LU = 0.5;
const TRUE_PEAK_TOLERANCE_DB = 0.3;

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const musicDir = join(repoRoot, 'fixtures/music');
const FORMATS = /\.(wav|flac|mp3|ogg|opus)$/;
const musicFiles = existsSync(musicDir)
  ? readdirSync(musicDir)
      .filter((f) => FORMATS.test(f))
      .sort()
  : [];
const musicFixtures: Requirement = {
  what: 'the music fixtures',
  missing: musicFiles.length > 0 ? null : `no music in ${musicDir}`,
  provide: 'run `npm run fixtures:music`',
};

interface Ebur128Summary {
  integratedLufs: number;
  loudnessRangeLu: number;
  truePeakDbtp: number;
}

/** ffmpeg's own Summary block: I, LRA and true Peak (rounded to 0.1 by ffmpeg). */
async function ffmpegEbur128(path: string): Promise<Ebur128Summary> {
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
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const number = (pattern: RegExp) => {
    const match = pattern.exec(summary);
    if (!match) throw new Error(`no ${pattern} in ffmpeg's ebur128 summary:\n${summary}`);
    return Number(match[1]);
  };
  return {
    integratedLufs: number(/\bI:\s+(-?[\d.]+) LUFS/),
    loudnessRangeLu: number(/\bLRA:\s+(-?[\d.]+) LU\b/),
    truePeakDbtp: number(/\bPeak:\s+(-?[\d.]+) dBFS/),
  };
}

const worst = { integrated: 0, lra: 0, truePeak: 0 };
const worstFile = { integrated: '', lra: '', truePeak: '' };
function note(figure: keyof typeof worst, error: number, file: string) {
  if (Math.abs(error) > Math.abs(worst[figure])) {
    worst[figure] = error;
    worstFile[figure] = file;
  }
}

describeWith(musicFixtures, 'loudness of real music against ffmpeg ebur128', () => {
  afterAll(() => {
    const line = (k: keyof typeof worst) =>
      `${k} ${worst[k] >= 0 ? '+' : ''}${worst[k].toFixed(3)} (${worstFile[k]})`;
    console.info(
      `largest differences from ffmpeg: ${line('integrated')}; ${line('lra')}; ${line('truePeak')}`,
    );
  });

  it.each(musicFiles)('%s', async (file) => {
    const path = join(musicDir, file);
    const [{ audio }, reference] = await Promise.all([decodeFile(path), ffmpegEbur128(path)]);
    const loudness = measureLoudness(audio);
    const truePeak = measureTruePeak(audio);
    expect(loudness.integratedLufs).not.toBeNull();
    expect(loudness.loudnessRangeLu).not.toBeNull();
    expect(truePeak.maxDbtp).not.toBeNull();

    const integratedError = (loudness.integratedLufs as number) - reference.integratedLufs;
    const lraError = (loudness.loudnessRangeLu as number) - reference.loudnessRangeLu;
    const truePeakError = (truePeak.maxDbtp as number) - reference.truePeakDbtp;
    note('integrated', integratedError, file);
    note('lra', lraError, file);
    note('truePeak', truePeakError, file);

    expect(Math.abs(integratedError)).toBeLessThanOrEqual(INTEGRATED_TOLERANCE_LU);
    expect(Math.abs(lraError)).toBeLessThanOrEqual(LRA_TOLERANCE_LU);
    expect(Math.abs(truePeakError)).toBeLessThanOrEqual(TRUE_PEAK_TOLERANCE_DB);
  });
});

import { runFfmpeg } from './run-ffmpeg.ts';

/**
 * Writes four minutes of stereo 48 kHz 16-bit white noise to `path`: long enough that a decode is
 * still running when a test aborts it, times it out or watches its progress.
 */
export function makeLongNoiseWav(path: string): void {
  runFfmpeg([
    '-f',
    'lavfi',
    '-i',
    'anoisesrc=r=48000:d=240',
    '-ac',
    '2',
    '-c:a',
    'pcm_s16le',
    path,
  ]);
}

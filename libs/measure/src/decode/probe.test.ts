import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisError } from '../errors.ts';
import { runFfmpeg } from '../test-support/run-ffmpeg.ts';
import { probeFile } from './probe.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mixscope-probe-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function make(name: string, args: string[]): string {
  const path = join(dir, name);
  runFfmpeg([...args, path]);
  return path;
}

const tone = (rate: number, seconds: number) => [
  '-f',
  'lavfi',
  '-i',
  `sine=f=440:r=${rate}:d=${seconds}`,
];

describe('probeFile', () => {
  it('16-bit stereo WAV: codec, rate, layout, depth, bit rate, duration, size, basename', async () => {
    const path = make('mix.wav', [...tone(44100, 3), '-ac', '2', '-c:a', 'pcm_s16le']);
    const info = await probeFile(path);
    expect(info).toEqual({
      name: 'mix.wav',
      sizeBytes: 44 + 3 * 44100 * 4 + 34, // RIFF header, data, ffmpeg's LIST/INFO chunk
      container: 'wav',
      codec: 'pcm_s16le',
      sampleRate: 44100,
      channels: 2,
      channelLayout: 'stereo',
      bitDepth: 16,
      bitRateKbps: 1411.2, // 44100 × 16 × 2
      durationSec: 3,
      reasons: {},
    });
  });

  it('24-bit FLAC: depth from bits_per_raw_sample, bit rate from the container', async () => {
    const path = make('mix.flac', [...tone(96000, 1), '-sample_fmt', 's32', '-c:a', 'flac']);
    const info = await probeFile(path);
    expect(info).toMatchObject({
      container: 'flac',
      codec: 'flac',
      sampleRate: 96000,
      bitDepth: 24,
      durationSec: 1,
    });
    expect(info.bitRateKbps).toBeGreaterThan(0);
  });

  it.each([
    ['mix.mp3', ['-c:a', 'libmp3lame', '-b:a', '192k'], 'mp3', 'mp3', 192],
    ['mix.m4a', ['-c:a', 'aac', '-b:a', '128k'], 'mov,mp4,m4a,3gp,3g2,mj2', 'aac', null],
    ['mix.ogg', ['-c:a', 'libvorbis'], 'ogg', 'vorbis', null],
    ['mix.opus', ['-c:a', 'libopus'], 'ogg', 'opus', null],
  ] as const)(
    '%s: lossy, so no bit depth, and the reason says so',
    async (name, codecArgs, container, codec, kbps) => {
      const path = make(name, [...tone(48000, 2), '-ac', '2', ...codecArgs]);
      const info = await probeFile(path);
      expect(info).toMatchObject({
        container,
        codec,
        sampleRate: 48000,
        channels: 2,
        bitDepth: null,
      });
      expect(info.reasons.bitDepth).toBe(`lossy codec (${codec}) has no fixed bit depth`);
      if (kbps !== null) expect(info.bitRateKbps).toBe(kbps);
      expect(info.durationSec).toBeGreaterThan(1.9);
      expect(info.durationSec).toBeLessThan(2.1);
    },
  );

  it('uses the display name and never the directory', async () => {
    const path = make('upload-7f3a.wav', [...tone(8000, 0.1), '-c:a', 'pcm_s16le']);
    expect((await probeFile(path)).name).toBe('upload-7f3a.wav');
    expect((await probeFile(path, { displayName: 'Final Mix v3.wav' })).name).toBe(
      'Final Mix v3.wav',
    );
  });

  it('refuses a file over maxSizeBytes with the sizes in the message', async () => {
    const path = make('big.wav', [...tone(48000, 2), '-c:a', 'pcm_s16le']);
    await expect(probeFile(path, { maxSizeBytes: 100_000 })).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: 'file is 0.2 MB; the limit is 0.1 MB',
    });
  });

  it('says when a file has pictures but no sound', async () => {
    const path = make('video-only.mkv', [
      '-f',
      'lavfi',
      '-i',
      'color=c=red:s=16x16:d=0.2',
      '-c:v',
      'ffv1',
    ]);
    await expect(probeFile(path)).rejects.toMatchObject({
      code: 'NO_AUDIO_STREAM',
      message: 'no audio stream in this file',
    });
  });

  it('refuses playlists that point at other files', async () => {
    make('segment.ts', [...tone(48000, 1), '-c:a', 'aac', '-f', 'mpegts']);
    const hls = join(dir, 'list.m3u8');
    await writeFile(
      hls,
      '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.0,\nsegment.ts\n#EXT-X-ENDLIST\n',
    );
    await expect(probeFile(hls)).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: 'hls playlists are not supported; upload the audio file',
    });
    const concat = join(dir, 'list.ffconcat');
    await writeFile(concat, 'ffconcat version 1.0\nfile segment.ts\n');
    const error = await probeFile(concat).catch((e: unknown) => e);
    expect(['UNSUPPORTED', 'NOT_DECODABLE']).toContain((error as AnalysisError).code);
  });
});

import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLongNoiseWav } from '../test-support/make-long-noise.ts';
import { decode, probe } from './ffmpeg.adapter.ts';

let dir: string;
let noisePath: string;
let pidFile: string;
/** Writes its pid, then becomes ffmpeg: the adapter's process, watched from outside. */
let watchedFfmpeg: string;
/** Writes its pid, then waits without a word: an ffmpeg that never ends by itself. */
let stuckFfmpeg: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mixscope-ffmpeg-adapter-'));
  noisePath = join(dir, 'noise-240s.wav');
  makeLongNoiseWav(noisePath);
  pidFile = join(dir, 'ffmpeg.pid');
  watchedFfmpeg = join(dir, 'watched-ffmpeg');
  await writeFile(watchedFfmpeg, `#!/bin/sh\necho $$ > '${pidFile}'\nexec ffmpeg "$@"\n`);
  stuckFfmpeg = join(dir, 'stuck-ffmpeg');
  await writeFile(stuckFfmpeg, `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 60\n`);
  await Promise.all([chmod(watchedFfmpeg, 0o755), chmod(stuckFfmpeg, 0o755)]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Resolves once the process that wrote `pidFile` is gone (killed and reaped). */
async function processGone(): Promise<true> {
  while (!existsSync(pidFile)) await new Promise((done) => setTimeout(done, 5));
  const pid = Number((await readFile(pidFile, 'utf8')).trim());
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      await rm(pidFile, { force: true });
      return true;
    }
    await new Promise((done) => setTimeout(done, 5));
  }
}

describe('decode', () => {
  it('delivers every sample and reports a clean exit', async () => {
    let bytes = 0;
    const exit = await decode(noisePath, {
      timeoutMs: 60_000,
      onSamples: (chunk) => (bytes += chunk.length),
    });
    expect(exit).toEqual({ exitedCleanly: true });
    expect(bytes).toBe(240 * 48000 * 2 * 4);
  });

  it('reports an ffmpeg that fails as not exiting cleanly', async () => {
    const text = join(dir, 'not-audio.wav');
    await writeFile(text, 'not audio at all');
    const exit = await decode(text, { timeoutMs: 60_000, onSamples: () => {} });
    expect(exit).toEqual({ exitedCleanly: false });
  });

  it('kills ffmpeg when the signal aborts, and stops at once on an aborted signal', async () => {
    const controller = new AbortController();
    const decoding = decode(noisePath, {
      ffmpegPath: stuckFfmpeg,
      signal: controller.signal,
      timeoutMs: 60_000,
      onSamples: () => {},
    });
    const gone = processGone();
    await new Promise((done) => setTimeout(done, 50));
    controller.abort();
    await expect(decoding).rejects.toMatchObject({ name: 'AbortError' });
    expect(await gone).toBe(true);
    await expect(
      decode(noisePath, { signal: AbortSignal.abort(), timeoutMs: 60_000, onSamples: () => {} }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('kills ffmpeg and rejects with the error when a chunk is refused', async () => {
    const refusal = new Error('no more');
    let chunks = 0;
    const decoding = decode(noisePath, {
      ffmpegPath: watchedFfmpeg,
      timeoutMs: 60_000,
      onSamples: () => {
        chunks++;
        throw refusal;
      },
    });
    await expect(decoding).rejects.toBe(refusal);
    expect(await processGone()).toBe(true);
    expect(chunks).toBe(1);
  });

  it('kills ffmpeg on time-out and names the budget it was given', async () => {
    const decoding = decode(noisePath, {
      ffmpegPath: stuckFfmpeg,
      timeoutMs: 50,
      timeoutLabelMs: 1500,
      onSamples: () => {},
    });
    await expect(decoding).rejects.toMatchObject({
      code: 'DECODE_TIMEOUT',
      message: 'decoding timed out after 1.5 s',
    });
    expect(await processGone()).toBe(true);
  });

  it('reports a binary that cannot start as DECODER_MISSING', async () => {
    const notExecutable = join(dir, 'ffmpeg-not-executable');
    await writeFile(notExecutable, '#!/bin/sh\n');
    await chmod(notExecutable, 0o644);
    for (const ffmpegPath of [join(dir, 'no-ffmpeg'), notExecutable, 'no-such-ffmpeg-on-path']) {
      await expect(
        decode(noisePath, { ffmpegPath, timeoutMs: 10_000, onSamples: () => {} }),
      ).rejects.toMatchObject({
        code: 'DECODER_MISSING',
        message: 'ffmpeg not found: install it (apt-get install ffmpeg)',
      });
    }
    const exit = await decode(noisePath, { timeoutMs: 60_000, onSamples: () => {} });
    expect(exit).toEqual({ exitedCleanly: true });
  });
});

describe('probe', () => {
  it("returns ffprobe's description of the streams and the container", async () => {
    const output = await probe(noisePath, { timeoutMs: 30_000 });
    expect(output.format?.format_name).toBe('wav');
    expect(output.streams?.[0]).toMatchObject({
      codec_type: 'audio',
      codec_name: 'pcm_s16le',
      sample_rate: '48000',
      channels: 2,
    });
  });

  it('kills ffprobe on time-out, and stops at once on an aborted signal', async () => {
    await expect(probe(noisePath, { timeoutMs: 1, timeoutLabelMs: 30_000 })).rejects.toMatchObject({
      code: 'DECODE_TIMEOUT',
      message: 'decoding timed out after 30 s',
    });
    await expect(
      probe(noisePath, { timeoutMs: 30_000, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('says how to install a missing ffprobe', async () => {
    await expect(
      probe(noisePath, { ffprobePath: join(dir, 'no-ffprobe'), timeoutMs: 30_000 }),
    ).rejects.toMatchObject({
      code: 'DECODER_MISSING',
      message: 'ffprobe not found: install it (apt-get install ffmpeg)',
    });
  });

  it('calls a file ffprobe cannot read not decodable', async () => {
    const text = join(dir, 'notes.wav');
    await writeFile(text, 'not audio at all');
    await expect(probe(text, { timeoutMs: 30_000 })).rejects.toMatchObject({
      code: 'NOT_DECODABLE',
      message: 'not an audio file ffmpeg can decode',
    });
  });
});

import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The adapter's own test is the one other place that knows fluent-ffmpeg: it watches the commands
// the adapter runs, to prove how their ffmpeg ended.
import ffmpeg from 'fluent-ffmpeg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeLongNoiseWav } from '../test-support/make-long-noise.ts';
import { decode, probe } from './ffmpeg.adapter.ts';

let dir: string;
let noisePath: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mixscope-ffmpeg-adapter-'));
  noisePath = join(dir, 'noise-240s.wav');
  makeLongNoiseWav(noisePath);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Wraps fluent-ffmpeg's `run` to call `afterRun` right after it, and resolves with how the
 * command's ffmpeg ended: 'end' for a normal exit, otherwise fluent-ffmpeg's error message.
 */
function watchCommand(afterRun: () => void = () => {}): Promise<string> {
  const proto = ffmpeg.prototype as ffmpeg.FfmpegCommand;
  const run = proto.run;
  return new Promise((resolve) => {
    vi.spyOn(proto, 'run').mockImplementationOnce(function (this: ffmpeg.FfmpegCommand) {
      this.on('end', () => resolve('end')).on('error', (error: Error) => resolve(error.message));
      run.call(this);
      afterRun();
    });
  });
}

describe('the capability check', () => {
  // First in the file: fluent-ffmpeg checks capabilities once per process.
  it("runs fluent-ffmpeg's two capability queries together, once, for every decode", async () => {
    const formats = vi.spyOn(ffmpeg, 'getAvailableFormats');
    const encoders = vi.spyOn(ffmpeg, 'getAvailableEncoders');
    const decodes = [1, 2].map(() => decode(noisePath, { timeoutMs: 60_000, onSamples: () => {} }));
    // Both asked at once, before either has answered.
    expect(formats).toHaveBeenCalledTimes(1);
    expect(encoders).toHaveBeenCalledTimes(1);
    await Promise.all(decodes);
    await decode(noisePath, { timeoutMs: 60_000, onSamples: () => {} });
    expect(formats).toHaveBeenCalledTimes(1);
    expect(encoders).toHaveBeenCalledTimes(1);
  });
});

describe('decode', () => {
  it('delivers every sample and reports a clean exit', async () => {
    const ended = watchCommand();
    let bytes = 0;
    const exit = await decode(noisePath, {
      timeoutMs: 60_000,
      onSamples: (chunk) => (bytes += chunk.length),
    });
    expect(exit).toEqual({ exitedCleanly: true });
    expect(bytes).toBe(240 * 48000 * 2 * 4);
    expect(await ended).toBe('end');
  });

  it('kills an ffmpeg that starts after the abort', async () => {
    const controller = new AbortController();
    // Aborting straight after run() lands before fluent-ffmpeg has spawned the process.
    const ended = watchCommand(() => controller.abort());
    const decoding = decode(noisePath, {
      signal: controller.signal,
      timeoutMs: 60_000,
      onSamples: () => {},
    });
    await expect(decoding).rejects.toMatchObject({ name: 'AbortError' });
    expect(await ended).toMatch(/killed with signal SIGKILL/);
  });

  it('kills ffmpeg and rejects with the error when a chunk is refused', async () => {
    const ended = watchCommand();
    const refusal = new Error('no more');
    const decoding = decode(noisePath, {
      timeoutMs: 60_000,
      onSamples: () => {
        throw refusal;
      },
    });
    await expect(decoding).rejects.toBe(refusal);
    expect(await ended).toMatch(/killed with signal SIGKILL/);
  });

  it('kills ffmpeg on time-out and names the budget it was given', async () => {
    const ended = watchCommand();
    const decoding = decode(noisePath, {
      timeoutMs: 50,
      timeoutLabelMs: 1500,
      onSamples: () => {},
    });
    await expect(decoding).rejects.toMatchObject({
      code: 'DECODE_TIMEOUT',
      message: 'decoding timed out after 1.5 s',
    });
    expect(await ended).toMatch(/killed with signal SIGKILL/);
  });

  it('reports a binary that cannot start as DECODER_MISSING once the capability cache is filled', async () => {
    // Handed to fluent-ffmpeg unchecked, such a binary makes it throw an uncaught TypeError.
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

import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runDecoder } from './run-decoder.ts';

let dir: string;
let noisePath: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mixscope-run-decoder-'));
  noisePath = join(dir, 'noise-240s.wav');
  const made = spawnSync('ffmpeg', [
    '-nostdin',
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'anoisesrc=r=48000:d=240',
    '-ac',
    '2',
    '-c:a',
    'pcm_s16le',
    noisePath,
  ]);
  if (made.status !== 0) throw new Error(String(made.stderr));
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

describe('runDecoder', () => {
  it('delivers every sample and reports a clean exit', async () => {
    const ended = watchCommand();
    let bytes = 0;
    const exit = await runDecoder(
      noisePath,
      {},
      {
        timeoutMs: 60_000,
        onSamples: (chunk) => (bytes += chunk.length),
      },
    );
    expect(exit).toEqual({ exitedCleanly: true });
    expect(bytes).toBe(240 * 48000 * 2 * 4);
    expect(await ended).toBe('end');
  });

  it('kills an ffmpeg that starts after the abort', async () => {
    const controller = new AbortController();
    // Aborting straight after run() lands before fluent-ffmpeg has spawned the process.
    const ended = watchCommand(() => controller.abort());
    const decoding = runDecoder(
      noisePath,
      {},
      {
        signal: controller.signal,
        timeoutMs: 60_000,
        onSamples: () => {},
      },
    );
    await expect(decoding).rejects.toMatchObject({ name: 'AbortError' });
    expect(await ended).toMatch(/killed with signal SIGKILL/);
  });

  it('kills ffmpeg and rejects with the error when a chunk is refused', async () => {
    const ended = watchCommand();
    const refusal = new Error('no more');
    const decoding = runDecoder(
      noisePath,
      {},
      {
        timeoutMs: 60_000,
        onSamples: () => {
          throw refusal;
        },
      },
    );
    await expect(decoding).rejects.toBe(refusal);
    expect(await ended).toMatch(/killed with signal SIGKILL/);
  });

  it('kills ffmpeg on time-out and names the budget it was given', async () => {
    const ended = watchCommand();
    const decoding = runDecoder(
      noisePath,
      {},
      {
        timeoutMs: 50,
        timeoutLabelMs: 1500,
        onSamples: () => {},
      },
    );
    await expect(decoding).rejects.toMatchObject({
      code: 'DECODE_TIMEOUT',
      message: 'decoding timed out after 1.5 s',
    });
    expect(await ended).toMatch(/killed with signal SIGKILL/);
  });
});

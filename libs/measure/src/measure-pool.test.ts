import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { MeasurePool } from './measure-pool.ts';
import type { AudioData } from '@mixscope/dsp';

const dir = mkdtempSync(join(tmpdir(), 'mixscope-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const audio: AudioData = {
  sampleRate: 48000,
  channels: [new Float32Array(48000), new Float32Array(48000)],
  channelLabels: ['FL', 'FR'],
};
const context = { invalidSampleCount: 0 };

function workerFile(name: string, source: string): URL {
  const path = join(dir, name);
  writeFileSync(path, source);
  return pathToFileURL(path);
}

describe('MeasurePool', () => {
  it('fails the task, not the process, when a worker cannot start', async () => {
    const pool = new MeasurePool(2, workerFile('broken.mjs', "throw new Error('cannot load');"));
    await expect(pool.run('loudness', audio, context)).rejects.toThrow(
      /worker stopped.*cannot load/,
    );
    await pool.close();
  });

  it('fails the running task when its worker dies mid-task', async () => {
    const pool = new MeasurePool(
      1,
      workerFile(
        'dies.mjs',
        "import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => process.exit(3));",
      ),
    );
    await expect(pool.run('spectrum', audio, context)).rejects.toThrow(
      /worker stopped \(exit code 3\)/,
    );
    await pool.close();
  });

  it('returns each task its own result from the real workers', async () => {
    const pool = new MeasurePool(2);
    const [loudness, spectrum] = await Promise.all([
      pool.run('loudness', audio, context),
      pool.run('spectrum', audio, context),
    ]);
    await pool.close();
    expect(loudness.loudness.integratedLufs).toBeNull();
    expect(loudness.loudness.reasons.integratedLufs).toBeTruthy();
    expect(spectrum.spectrum.bands).toHaveLength(6);
  });

  it('keeps no track alive once its tasks are done, however many jobs a long-lived pool runs', async () => {
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const frames = 48000 * 60;
    const trackBytes = 2 * frames * Float32Array.BYTES_PER_ELEMENT;
    const sharedTrack = (): AudioData => ({
      sampleRate: 48000,
      channels: [0, 1].map(() => new Float32Array(new SharedArrayBuffer(frames * 4))),
      channelLabels: ['FL', 'FR'],
    });
    const pool = new MeasurePool(2);
    collectGarbage();
    const before = process.memoryUsage().arrayBuffers;
    for (let job = 0; job < 6; job++) {
      const track = sharedTrack();
      await Promise.all([
        pool.run('loudness', track, context),
        pool.run('loudness', track, context),
      ]);
    }
    // The workers collect once their task is done; on a busy machine that can take a moment.
    let held = Infinity;
    for (let wait = 0; wait < 30 && held >= trackBytes * 1.5; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      collectGarbage();
      held = process.memoryUsage().arrayBuffers - before;
    }
    await pool.close();
    // Six 23 MB tracks went through; at most the last one may still be on its way out.
    expect(held).toBeLessThan(trackBytes * 1.5);
  }, 60_000);
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisError } from '../errors.ts';
import {
  BAD_INPUT_EXPECTATIONS,
  INVALID_SAMPLES,
  makeBadInputs,
  type BadInputCase,
} from '../test-support/make-bad-inputs.ts';
import { decodeFile } from './decode.ts';

let dir: string;
let paths: Record<BadInputCase, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mixscope-bad-input-'));
  paths = await makeBadInputs(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function decodeError(path: string): Promise<AnalysisError> {
  try {
    await decodeFile(path);
  } catch (error) {
    return error as AnalysisError;
  }
  throw new Error(`expected ${path} to fail`);
}

describe('decodeFile on awkward and broken inputs', () => {
  for (const [name, expected] of Object.entries(BAD_INPUT_EXPECTATIONS) as [
    BadInputCase,
    (typeof BAD_INPUT_EXPECTATIONS)[BadInputCase],
  ][]) {
    if ('error' in expected) {
      it(`${name}: fails with ${expected.error} and one short line`, async () => {
        const error = await decodeError(paths[name]);
        expect(error).toBeInstanceOf(AnalysisError);
        expect(error.code).toBe(expected.error);
        expect(error.message).not.toMatch(/[\r\n]/);
        expect(error.message.length).toBeLessThan(80);
        expect(error.message).not.toContain(dir);
      });
    } else {
      const want = expected.decodes;
      it(`${name}: decodes at ${want.sampleRate} Hz, ${want.channels} ch`, async () => {
        const { audio, info, invalidSampleCount } = await decodeFile(paths[name]);
        expect(audio.sampleRate).toBe(want.sampleRate);
        expect(info.channels).toBe(want.channels);
        expect(audio.channels).toHaveLength(want.downmixed ? 2 : want.channels);
        expect(info.downmix !== undefined).toBe(want.downmixed === true);
        expect(audio.channelLabels).toEqual(want.channelLabels);
        const frames = audio.channels[0].length;
        for (const channel of audio.channels) expect(channel.length).toBe(frames);
        expect(frames / audio.sampleRate).toBeGreaterThanOrEqual(want.durationSec[0]);
        expect(frames / audio.sampleRate).toBeLessThanOrEqual(want.durationSec[1]);
        expect(info.durationSec).toBe(frames / audio.sampleRate);
        expect(invalidSampleCount).toBe(want.invalidSampleCount);
        for (const channel of audio.channels) {
          expect(channel.buffer).toBeInstanceOf(SharedArrayBuffer);
          expect(channel.every(Number.isFinite)).toBe(true);
        }
      });
    }
  }

  it('writes 0 where the float WAV held NaN or Infinity, and keeps the neighbours', async () => {
    const { audio } = await decodeFile(paths['float-wav-nan-inf']);
    for (const { frame, channel } of INVALID_SAMPLES) {
      expect(audio.channels[channel][frame]).toBe(0);
      const neighbour = Math.fround(0.25 * Math.sin((2 * Math.PI * 1000 * (frame + 1)) / 48000));
      expect(audio.channels[channel][frame + 1]).toBe(channel === 0 ? neighbour : -neighbour);
    }
  });

  it('names the file by its basename only, shell characters and all', async () => {
    const { info } = await decodeFile(paths['shell-characters-name']);
    expect(info.name).toBe("a b $(x) ';&.wav");
  });

  it('decodes digital silence as exact zeros', async () => {
    const { audio } = await decodeFile(paths['digital-silence-10s']);
    expect(audio.channels.every((channel) => channel.every((v) => v === 0))).toBe(true);
  });

  it('reports the decoded length, not the one a lying header claims', async () => {
    const { info } = await decodeFile(paths['wav-header-lies']);
    expect(info.durationSec).toBe(2);
  });
});

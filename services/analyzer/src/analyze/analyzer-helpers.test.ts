import { AnalysisError } from '@mixscope/measure';
import type { TrackProgress } from '@mixscope/contracts';
import { describe, expect, it } from 'vitest';
import { ObjectMissingError } from '../infra/audio-storage.service.ts';
import { failureReason } from './failure-reason.ts';
import { ProgressReporter } from './progress-reporter.ts';
import { localFileName } from './track-measurer.service.ts';

describe('failureReason', () => {
  it('passes on what the measurement core says about a bad file, and does not retry', () => {
    const error = new AnalysisError('NOT_DECODABLE', 'not an audio file ffmpeg can decode');
    expect(failureReason('mix', error, 3)).toEqual({
      reason: 'Not an audio file ffmpeg can decode',
      code: 'NOT_DECODABLE',
      permanent: true,
    });
    expect(failureReason('reference', error, 3).reason).toBe(
      'Reference track: not an audio file ffmpeg can decode',
    );
    expect(failureReason('mix', new ObjectMissingError('k'), 3)).toMatchObject({
      code: 'OBJECT_MISSING',
      permanent: true,
    });
  });

  it('keeps internals out of the reason for other errors, which are retried', () => {
    const reason = failureReason(
      'mix',
      new TypeError("Cannot read properties of undefined (reading 'x')"),
      3,
    );
    expect(reason).toEqual({
      reason: 'The analysis could not be completed after 3 attempts (an internal error)',
      code: 'RETRIES_EXHAUSTED',
      permanent: false,
    });
    expect(reason.reason).not.toMatch(/undefined|TypeError/);
  });
});

describe('ProgressReporter', () => {
  const base = { analysisId: 'a', teamId: 't', role: 'mix' as const, trackCount: 1 };

  it('sends reports in order, drops repeats and backward steps, and survives failures', async () => {
    const sent: TrackProgress[] = [];
    const errors: Error[] = [];
    let fail = true;
    const reporter = new ProgressReporter(
      base,
      async (p) => {
        await new Promise((r) => setTimeout(r, Math.random() * 5));
        if (fail) {
          fail = false;
          throw new Error('redis down');
        }
        sent.push(p);
      },
      (e) => errors.push(e),
      0,
    );
    // Each report waited for: every one is sent.
    for (const [stage, percent] of [
      ['decoding', 0],
      ['decoding', 10],
      ['decoding', 10],
      ['loudness', 40],
      ['spectrum', 30],
      ['saving', 97],
    ] as const) {
      reporter.report(stage, percent);
      await reporter.flush();
    }
    expect(errors).toHaveLength(1);
    expect(sent.map((p) => [p.stage, p.percent])).toEqual([
      ['decoding', 10],
      ['loudness', 40],
      ['spectrum', 40],
      ['saving', 97],
    ]);
  });

  it('while one report is being sent, keeps only the latest of each stage, and every stage', async () => {
    const sent: string[] = [];
    let release: () => void = () => undefined;
    const reporter = new ProgressReporter(
      base,
      async (p) => {
        if (sent.length === 0) await new Promise<void>((r) => (release = r));
        sent.push(`${p.stage} ${p.percent}`);
      },
      () => undefined,
      0,
    );
    reporter.report('decoding', 5);
    reporter.report('decoding', 10);
    reporter.report('decoding', 20);
    reporter.report('loudness', 40);
    reporter.report('loudness', 45);
    reporter.report('spectrum', 55);
    release();
    await reporter.flush();
    expect(sent).toEqual(['decoding 5', 'decoding 20', 'loudness 45', 'spectrum 55']);
    reporter.report('saving', 100);
    await reporter.flush();
    expect(sent.at(-1)).toBe('saving 100');
  });
});

describe('localFileName', () => {
  it.each([
    ['mix v3.wav', 'mix v3.wav'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\song.flac', 'song.flac'],
    ['..', 'audio'],
    ['', 'audio'],
    ['bad\u0000name.wav', 'bad_name.wav'],
  ])('%j becomes %j', (input, expected) => expect(localFileName(input)).toBe(expected));
});

import { describe, expect, it } from 'vitest';
import { overallProgress, toAnalysisDto } from './analysis-view.ts';

const row = {
  id: 'a1',
  projectId: 'p1',
  revision: 3,
  title: null,
  genre: 'edm',
  targets: ['spotify'],
  status: 'running' as const,
  progress: {},
  error: null,
  comparison: null,
  referenceUploadId: null,
  createdAt: new Date('2026-01-01T00:00:00.000Z'),
  startedAt: new Date('2026-01-01T00:00:02.000Z'),
  completedAt: null,
};

describe('overallProgress', () => {
  it('is the mean over the tracks, with the stage of the one furthest behind', () => {
    expect(
      overallProgress(
        { mix: { stage: 'key', percent: 90 }, reference: { stage: 'loudness', percent: 40 } },
        ['mix', 'reference'],
      ),
    ).toEqual({ stage: 'loudness', percent: 65 });
    expect(overallProgress({ mix: { stage: 'tempo', percent: 80 } }, ['mix', 'reference'])).toEqual(
      {
        stage: 'tempo',
        percent: 40,
      },
    );
    expect(overallProgress({}, ['mix'])).toEqual({ stage: null, percent: 0 });
  });
});

describe('toAnalysisDto', () => {
  const mix = { file: { name: 'mix.wav' }, timingsMs: { total: 900 } };
  const reference = { file: { name: 'ref.wav' }, timingsMs: { total: 800 } };

  it('shows progress and no result while running', () => {
    const dto = toAnalysisDto(
      { ...row, progress: { mix: { stage: 'spectrum', percent: 55 } } },
      [],
      null,
    );
    expect(dto).toMatchObject({ status: 'running', stage: 'spectrum', percent: 55 });
    expect(dto.result).toBeUndefined();
    expect(dto.reportStatus).toBeUndefined();
    expect(dto.timings).toEqual({ queuedMs: 2000, runMs: null, totalMs: null, stagesMs: {} });
  });

  it('puts reference and comparison into the result the way the command-line tool does', () => {
    const comparison = { referenceName: 'ref.wav', deltas: [] };
    const dto = toAnalysisDto(
      {
        ...row,
        status: 'completed',
        referenceUploadId: 'u2',
        comparison,
        completedAt: new Date('2026-01-01T00:00:05.000Z'),
      },
      [
        { role: 'reference', result: reference },
        { role: 'mix', result: mix },
      ],
      { summary: 'ok' },
    );
    expect(dto.result).toEqual({ ...mix, reference, comparison });
    expect(dto.percent).toBe(100);
    expect(dto.report).toEqual({ summary: 'ok' });
    expect(dto.reportStatus).toBe('ready');
    expect(dto.timings).toEqual({
      queuedMs: 2000,
      runMs: 3000,
      totalMs: 5000,
      stagesMs: { total: 900 },
    });
  });

  it('says the report is pending while a completed analysis waits for it', () => {
    const dto = toAnalysisDto(
      { ...row, status: 'completed' },
      [{ role: 'mix', result: mix }],
      null,
    );
    expect(dto.result).toEqual(mix);
    expect(dto.report).toBeUndefined();
    expect(dto.reportStatus).toBe('pending');
  });

  it('gives the reason of a failure and no result', () => {
    const dto = toAnalysisDto({ ...row, status: 'failed', error: 'Not an audio file' }, [], null);
    expect(dto.error).toBe('Not an audio file');
    expect(dto.result).toBeUndefined();
  });
});

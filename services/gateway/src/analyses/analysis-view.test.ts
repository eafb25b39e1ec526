import { buildAnalysisResult } from '@mixscope/contracts/testing';
import { buildFeedback } from '@mixscope/feedback';
import type { StoredAnalysis } from '@mixscope/pipeline';
import { describe, expect, it } from 'vitest';
import { toAnalysisDto, toAnalysisSummary } from './analysis-view.ts';

const stored: StoredAnalysis = {
  id: 'a1',
  teamId: 't1',
  version: '1.0',
  projectId: 'p1',
  createdById: 'u1',
  revision: 3,
  title: null,
  genre: 'electronic',
  targets: ['spotify'],
  status: 'running',
  error: null,
  roles: ['mix', 'reference'],
  progress: {},
  createdAt: new Date('2026-01-01T00:00:00.000Z'),
  startedAt: new Date('2026-01-01T00:00:02.000Z'),
  completedAt: null,
  result: null,
  report: null,
};

describe('toAnalysisDto', () => {
  it('combines the tracks by the one progress rule: the mean, and the stage furthest behind', () => {
    const dto = toAnalysisDto({
      ...stored,
      progress: {
        mix: { stage: 'key', percent: 90 },
        reference: { stage: 'loudness', percent: 40 },
      },
    });
    expect(dto).toMatchObject({ status: 'running', stage: 'loudness', percent: 65 });
    expect(dto.result).toBeUndefined();
    expect(dto.reportStatus).toBeUndefined();
    expect(dto.timings).toEqual({ queuedMs: 2000, runMs: null, totalMs: null, stagesMs: {} });
  });

  it('is at 100 once completed, with the result, its stage timings and whether the report is there', async () => {
    const result = buildAnalysisResult();
    const completed = {
      ...stored,
      status: 'completed' as const,
      completedAt: new Date('2026-01-01T00:00:05.000Z'),
      result,
    };
    const pending = toAnalysisDto(completed);
    expect(pending).toMatchObject({ percent: 100, reportStatus: 'pending', result });
    expect(pending.timings).toEqual({
      queuedMs: 2000,
      runMs: 3000,
      totalMs: 5000,
      stagesMs: result.timingsMs,
    });
    expect(pending.report).toBeUndefined();

    const report = await buildFeedback(result, { groq: { apiKey: '' } });
    const ready = toAnalysisDto({ ...completed, report });
    expect(ready.report).toEqual(report);
    expect(ready.reportStatus).toBe('ready');
  });

  it('gives the reason of a failure and no result', () => {
    const dto = toAnalysisDto({ ...stored, status: 'failed', error: 'Not an audio file' });
    expect(dto.error).toBe('Not an audio file');
    expect(dto.result).toBeUndefined();
  });
});

describe('toAnalysisSummary', () => {
  it('shows the dates as ISO strings', () => {
    const headline = {
      integratedLufs: -9,
      truePeakDbtp: -1,
      loudnessRangeLu: 5,
      plrDb: 8,
      dynamicRangeDb: 7,
      widthScore: 40,
      bpm: 124,
      key: 'A minor',
      durationSec: 30,
    };
    expect(
      toAnalysisSummary({
        id: 'a1',
        revision: 2,
        title: 'v2',
        status: 'completed',
        createdAt: new Date('2026-01-01T00:00:00.000Z'),
        completedAt: new Date('2026-01-01T00:00:05.000Z'),
        fileName: 'mix.wav',
        referenceFileName: null,
        headline,
      }),
    ).toEqual({
      id: 'a1',
      revision: 2,
      title: 'v2',
      status: 'completed',
      fileName: 'mix.wav',
      referenceFileName: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      completedAt: '2026-01-01T00:00:05.000Z',
      headline,
    });
  });
});

import type { WriteFeedbackPayload } from '@mixscope/contracts';
import { buildAnalysisResult, buildReferenceTrack } from '@mixscope/contracts/testing';
import {
  StoredDocumentError,
  type AnalysisRepository,
  type AnalysisToFinalize,
} from '@mixscope/pipeline';
import { UnrecoverableError, type Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { FeedbackQueueService } from '../infra/feedback-queue.service.ts';
import { FinalizeAnalysisProcessor } from './finalize-analysis.processor.ts';

const ID = '3f2a6c1e-9b7d-4e2f-8a1c-5d6e7f8a9b0c';
const TEAM = '0b6f1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';

type Row = AnalysisToFinalize | null | StoredDocumentError;

function setup(row: Row, { completes = true, hasReference = false } = {}) {
  const completed: { analysisId: string; comparison: unknown; roles: readonly string[] }[] = [];
  const failed: { analysisId: string; code: string }[] = [];
  const enqueued: WriteFeedbackPayload[] = [];
  const analyses: Partial<AnalysisRepository> = {
    findToFinalize: async () => {
      if (row instanceof StoredDocumentError) throw row;
      return row;
    },
    complete: async (analysisId, _mix, comparison, roles) => {
      completed.push({ analysisId, comparison, roles });
      return completes;
    },
    fail: async (analysisId, _reason, code) => {
      failed.push({ analysisId, code });
    },
  };
  const queue: Partial<FeedbackQueueService> = {
    enqueue: async (payload: WriteFeedbackPayload) => {
      enqueued.push(payload);
    },
  };
  const processor = new FinalizeAnalysisProcessor(
    analyses as AnalysisRepository,
    queue as FeedbackQueueService,
  );
  const job = { data: { analysisId: ID, teamId: TEAM, hasReference } } as Job;
  return { run: () => processor.process(job), completed, failed, enqueued };
}

const running = (overrides: Partial<AnalysisToFinalize> = {}): AnalysisToFinalize => ({
  status: 'running',
  genre: 'electronic',
  targets: ['spotify', 'tidal'],
  tracks: { mix: buildAnalysisResult() },
  ...overrides,
});

describe('FinalizeAnalysisProcessor', () => {
  it('completes the analysis, then hands it to the feedback queue with genre and targets', async () => {
    const { run, completed, enqueued } = setup(running());
    expect(await run()).toEqual({ analysisId: ID, status: 'completed' });
    expect(completed).toEqual([{ analysisId: ID, comparison: null, roles: ['mix'] }]);
    expect(enqueued).toEqual([
      { analysisId: ID, genre: 'electronic', targets: ['spotify', 'tidal'] },
    ]);
  });

  it('compares mix and reference when there is a reference', async () => {
    const { run, completed } = setup(
      running({ tracks: { mix: buildAnalysisResult(), reference: buildReferenceTrack() } }),
      { hasReference: true },
    );
    await run();
    expect(completed[0].roles).toEqual(['mix', 'reference']);
    expect(completed[0].comparison).toMatchObject({
      referenceName: buildReferenceTrack().file.name,
    });
  });

  it('enqueues the feedback again when a retry finds the analysis already completed', async () => {
    const { run, completed, enqueued } = setup(
      running({ status: 'completed', genre: null, targets: [] }),
    );
    expect(await run()).toEqual({ analysisId: ID, status: 'completed' });
    expect(completed).toEqual([]);
    expect(enqueued).toEqual([{ analysisId: ID, genre: null, targets: [] }]);
  });

  it('asks for no feedback when the analysis failed, was deleted, or failed while finishing', async () => {
    for (const [row, completes] of [
      [running({ status: 'failed' }), true],
      [null, true],
      [running(), false],
    ] as const) {
      const { run, enqueued } = setup(row, { completes });
      await run();
      expect(enqueued).toEqual([]);
    }
  });

  it('waits (throws for a retry) while the mix result is missing', async () => {
    const { run, enqueued } = setup(running({ tracks: {} }));
    await expect(run()).rejects.toThrow(/mix result .* is missing/);
    expect(enqueued).toEqual([]);
  });

  it('fails the analysis for good when a stored result breaks the contract', async () => {
    const { run, failed, enqueued } = setup(
      new StoredDocumentError(ID, 'result', 'loudness: missing'),
    );
    await expect(run()).rejects.toBeInstanceOf(UnrecoverableError);
    expect(failed).toEqual([{ analysisId: ID, code: 'STORED_DOCUMENT_INVALID' }]);
    expect(enqueued).toEqual([]);
  });
});

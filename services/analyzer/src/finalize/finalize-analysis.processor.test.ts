import type { WriteFeedbackPayload } from '@mixscope/contracts';
import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { AnalysisStoreService } from '../analyze/analysis-store.service.ts';
import type { FeedbackQueueService } from '../infra/feedback-queue.service.ts';
import { FinalizeAnalysisProcessor } from './finalize-analysis.processor.ts';

const ID = '3f2a6c1e-9b7d-4e2f-8a1c-5d6e7f8a9b0c';
const TEAM = '0b6f1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const mixResult = { file: { name: 'mix.wav' } };

type Row = Awaited<ReturnType<AnalysisStoreService['loadTracks']>>;

function setup(row: Row, completes = true) {
  const completed: string[] = [];
  const enqueued: WriteFeedbackPayload[] = [];
  const store = {
    loadTracks: async () => row,
    complete: async (analysisId: string) => {
      completed.push(analysisId);
      return completes;
    },
  } as unknown as AnalysisStoreService;
  const queue = {
    enqueue: async (payload: WriteFeedbackPayload) => {
      enqueued.push(payload);
    },
  } as unknown as FeedbackQueueService;
  const processor = new FinalizeAnalysisProcessor(store, queue);
  const job = { data: { analysisId: ID, teamId: TEAM, hasReference: false } } as Job;
  return { run: () => processor.process(job), completed, enqueued };
}

const running = (overrides: Partial<NonNullable<Row>> = {}): Row => ({
  status: 'running',
  genre: 'edm',
  targets: ['spotify', 'tidal'],
  tracks: [{ role: 'mix', result: mixResult }],
  ...overrides,
});

describe('FinalizeAnalysisProcessor', () => {
  it('completes the analysis, then hands it to the feedback queue with genre and targets', async () => {
    const { run, completed, enqueued } = setup(running());
    expect(await run()).toEqual({ analysisId: ID, status: 'completed' });
    expect(completed).toEqual([ID]);
    expect(enqueued).toEqual([{ analysisId: ID, genre: 'edm', targets: ['spotify', 'tidal'] }]);
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
      const { run, enqueued } = setup(row, completes);
      await run();
      expect(enqueued).toEqual([]);
    }
  });

  it('waits (throws for a retry) while the mix result is missing', async () => {
    const { run, enqueued } = setup(running({ tracks: [] }));
    await expect(run()).rejects.toThrow(/mix result .* is missing/);
    expect(enqueued).toEqual([]);
  });
});

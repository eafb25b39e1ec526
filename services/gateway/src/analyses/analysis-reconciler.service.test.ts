import type { WriteFeedbackPayload } from '@mixscope/contracts';
import type { AnalysisRepository } from '@mixscope/pipeline';
import { describe, expect, it } from 'vitest';
import type { GatewayConfig } from '../config/gateway-config.ts';
import type { AnalysisQueueService } from '../infra/analysis-queue.service.ts';
import { AnalysisReconcilerService } from './analysis-reconciler.service.ts';

type FeedbackState = 'missing' | 'retried' | 'present';

/** A repository whose only completed analyses without a report are `waiting`, and a queue in `states`. */
function setup(
  waiting: { id: string; genre: string | null; targets: string[] }[],
  states: Record<string, FeedbackState>,
) {
  const windows: { after: Date; before: Date }[] = [];
  const enqueued: WriteFeedbackPayload[] = [];
  const analyses: Partial<AnalysisRepository> = {
    findStale: async () => [],
    findWithoutReport: async (window) => {
      windows.push(window);
      return waiting;
    },
  };
  const queue: Partial<AnalysisQueueService> = {
    feedbackState: async (id: string) => states[id],
    enqueueFeedback: async (payload: WriteFeedbackPayload) => {
      enqueued.push(payload);
    },
  };
  const config = { reconcile: { intervalMs: 1_000, graceMs: 5_000 } } as GatewayConfig;
  const reconciler = new AnalysisReconcilerService(
    analyses as AnalysisRepository,
    config,
    queue as AnalysisQueueService,
  );
  return { reconciler, windows, enqueued };
}

describe('AnalysisReconcilerService: reports', () => {
  it('re-adds the feedback job a completed analysis lost, and leaves present or retried jobs alone', async () => {
    const { reconciler, windows, enqueued } = setup(
      [
        { id: 'lost', genre: 'rock', targets: ['tidal'] },
        { id: 'queued', genre: null, targets: [] },
        { id: 'failed', genre: null, targets: [] },
      ],
      { lost: 'missing', queued: 'present', failed: 'retried' },
    );
    const before = Date.now();
    await reconciler.reconcile();
    expect(enqueued).toEqual([{ analysisId: 'lost', genre: 'rock', targets: ['tidal'] }]);

    const [window] = windows;
    // Only after the grace period, and for a day.
    expect(window.before.getTime()).toBeLessThanOrEqual(before - 5_000 + 50);
    expect(window.before.getTime()).toBeGreaterThan(before - 5_000 - 1_000);
    expect(before - window.after.getTime()).toBeGreaterThanOrEqual(24 * 3600_000 - 1_000);
  });
});

import type { WriteFeedbackPayload } from '@mixscope/contracts';
import { describe, expect, it } from 'vitest';
import type { GatewayConfig } from '../config/gateway-config.ts';
import type { AnalysisQueueService } from '../infra/analysis-queue.service.ts';
import type { Database } from '@mixscope/service-kit';
import { AnalysisReconcilerService } from './analysis-reconciler.service.ts';

type FeedbackState = 'missing' | 'retried' | 'present';

/** A database whose only completed analyses without a report are `waiting`, and a queue in `states`. */
function setup(
  waiting: { id: string; genre: string | null; targets: string[] }[],
  states: Record<string, FeedbackState>,
) {
  const queries: Record<string, unknown>[] = [];
  const enqueued: WriteFeedbackPayload[] = [];
  const db = {
    analysis: {
      findMany: async (query: { where: Record<string, unknown> }) => {
        queries.push(query.where);
        return query.where.status === 'completed' ? waiting : [];
      },
    },
  } as unknown as Database;
  const queue = {
    feedbackState: async (id: string) => states[id],
    enqueueFeedback: async (payload: WriteFeedbackPayload) => {
      enqueued.push(payload);
    },
  } as unknown as AnalysisQueueService;
  const config = { reconcile: { intervalMs: 1_000, graceMs: 5_000 } } as GatewayConfig;
  return { reconciler: new AnalysisReconcilerService(db, config, queue), queries, enqueued };
}

describe('AnalysisReconcilerService: reports', () => {
  it('re-adds the feedback job a completed analysis lost, and leaves present or retried jobs alone', async () => {
    const { reconciler, queries, enqueued } = setup(
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

    const where = queries.find((q) => q.status === 'completed')!;
    expect(where.report).toEqual({ is: null });
    const window = where.completedAt as { lt: Date; gt: Date };
    // Only after the grace period, and for a day.
    expect(window.lt.getTime()).toBeLessThanOrEqual(before - 5_000 + 50);
    expect(window.lt.getTime()).toBeGreaterThan(before - 5_000 - 1_000);
    expect(before - window.gt.getTime()).toBeGreaterThanOrEqual(24 * 3600_000 - 1_000);
  });
});

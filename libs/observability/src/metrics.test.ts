import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerQueueDepth, type CountableQueue } from './metrics.ts';

describe('registerQueueDepth', () => {
  it('reports every state of every queue at scrape time, and skips a queue Redis cannot answer for', async () => {
    const registry = new Registry();
    let waiting = 7;
    const analyze: CountableQueue = {
      name: 'analyze',
      getJobCounts: async (...states) =>
        Object.fromEntries(
          states.map((s) => [s, s === 'waiting' ? waiting : s === 'active' ? 2 : 0]),
        ),
    };
    const broken: CountableQueue = {
      name: 'finalize',
      getJobCounts: () => Promise.reject(new Error('Connection is closed')),
    };
    registerQueueDepth(registry, [analyze, broken]);

    const text = await registry.metrics();
    expect(text).toContain('mixscope_queue_jobs{queue="analyze",state="waiting"} 7');
    expect(text).toContain('mixscope_queue_jobs{queue="analyze",state="active"} 2');
    expect(text).toContain('mixscope_queue_jobs{queue="analyze",state="delayed"} 0');
    expect(text).not.toContain('queue="finalize"');

    waiting = 3;
    expect(await registry.metrics()).toContain(
      'mixscope_queue_jobs{queue="analyze",state="waiting"} 3',
    );
  });
});

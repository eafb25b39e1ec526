import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { instrumentProcessor } from './job-instrumentation.ts';
import { currentLogContext } from './log-context.ts';
import { JobMetrics } from './metrics.ts';

const job = (attemptsMade: number, attempts = 3) => ({
  id: 'a1.mix',
  name: 'analyze-track',
  attemptsMade,
  opts: { attempts },
  data: { analysisId: 'a1' },
});

async function value(registry: Registry, name: string, labels: Record<string, string>) {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  const found = metric?.values.find((v) =>
    Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l),
  );
  return found?.value ?? 0;
}

describe('instrumentProcessor', () => {
  it('runs the job inside its log context and counts outcomes, failures and final failures', async () => {
    const registry = new Registry();
    const metrics = new JobMetrics(registry);
    let seen: unknown;
    const ok = instrumentProcessor('analyze', metrics, async () => {
      seen = currentLogContext();
      return 'measured';
    });
    expect(await ok(job(0))).toBe('measured');
    expect(seen).toEqual({ queue: 'analyze', jobId: 'a1.mix', analysisId: 'a1', attempt: 1 });

    const failing = instrumentProcessor('analyze', metrics, async () => {
      throw new Error('nope');
    });
    await expect(failing(job(0))).rejects.toThrow('nope');
    await expect(failing(job(2))).rejects.toThrow('nope');
    const unrecoverable = instrumentProcessor('analyze', metrics, async () => {
      const error = new Error('bad payload');
      error.name = 'UnrecoverableError';
      throw error;
    });
    await expect(unrecoverable(job(0))).rejects.toThrow('bad payload');

    const attemptsEnded = async (outcome: string) =>
      (await registry.getSingleMetric('mixscope_job_duration_seconds')!.get()).values.find(
        (v) =>
          (v as { metricName?: string }).metricName?.endsWith('_count') &&
          v.labels.outcome === outcome,
      )?.value;
    expect(await attemptsEnded('completed')).toBe(1);
    expect(await attemptsEnded('failed')).toBe(3);
    expect(await value(registry, 'mixscope_job_failures_total', { final: 'false' })).toBe(1);
    expect(await value(registry, 'mixscope_job_failures_total', { final: 'true' })).toBe(2);
    expect(await value(registry, 'mixscope_jobs_active', { queue: 'analyze' })).toBe(0);
  });
});

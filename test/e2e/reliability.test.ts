import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/local-stack.ts';
import { ApiClient } from '../support/api.ts';
import { PrivateRedis } from '../support/redis-server.ts';
import { startFakeGroq } from '@mixscope/feedback/testing';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { testWav } from '../support/wav.ts';

const trackRows = (stack: TestStack, analysisId: string) =>
  stack.query<{ role: string }>('SELECT role FROM track_results WHERE analysis_id = $1', [
    analysisId,
  ]);

describe('reliability', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('finishes the job on another worker when an analyzer is killed mid-job, with one result row', async () => {
    const stack = await startTestStack({ analyzers: 2 });
    cleanups.push(() => stack.stop());
    const api = new ApiClient(stack.api, stack);
    const user = await api.signup('Kim');
    const projectId = (await api.createProject(user)).id;
    // Long enough (4 minutes) that the analyzer is still busy when it is killed.
    const upload = await api.upload(user, projectId, 'long-mix.wav', testWav({ seconds: 240 }));

    const analysisId = await api.createAnalysis(user, projectId, { uploadId: upload.id });
    const started = `started ${analysisId}.mix`;
    const victim = await waitFor('an analyzer to pick up the job', async () =>
      stack.analyzers.find((a) => a.lines.some((l) => l.includes(started))),
    );
    victim.child.kill('SIGKILL');
    await victim.exited;
    expect(victim.lines.some((l) => l.includes(`finished ${analysisId}.mix`))).toBe(false);

    const done = await api.waitForAnalysis(user, analysisId, ['completed', 'failed'], 90_000);
    expect(done.status, stack.logs()).toBe('completed');
    const survivor = stack.analyzers.find((a) => a !== victim)!;
    expect(survivor.lines.some((l) => l.includes(`finished ${analysisId}.mix`))).toBe(true);
    expect(await trackRows(stack, analysisId)).toEqual([{ role: 'mix' }]);
  });

  it('reconnects after a Redis restart and completes the jobs that were queued', async () => {
    const redis = await new PrivateRedis().start();
    cleanups.push(() => redis.dispose());
    const stack = await startTestStack({ analyzers: 1, redisUrl: redis.url });
    cleanups.push(() => stack.stop());
    const api = new ApiClient(stack.api, stack);
    const user = await api.signup('Rae');
    const projectId = (await api.createProject(user)).id;
    const upload = await api.upload(user, projectId, 'mix.wav', testWav({ seconds: 20 }));

    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(await api.createAnalysis(user, projectId, { uploadId: upload.id }));
    await redis.restart(500);

    for (const id of ids) {
      const done = await api.waitForAnalysis(user, id, ['completed', 'failed'], 90_000);
      expect(done.status, stack.logs()).toBe('completed');
      expect(await trackRows(stack, id)).toEqual([{ role: 'mix' }]);
    }
    // The restart emptied Redis; the jobs came back from Postgres.
    expect(stack.gateway.lines.some((l) => /re-enqueued \d+ analyses/.test(l))).toBe(true);
    // New work after the restart flows as usual.
    const after = await api.createAnalysis(user, projectId, { uploadId: upload.id });
    expect((await api.waitForAnalysis(user, after)).status).toBe('completed');
  });

  it('writes the report once on another feedback worker when one is killed mid-call', async () => {
    // The first worker's model call never answers, so it is surely mid-job when killed.
    const hanging = await startFakeGroq([{ kind: 'hang' }], { apiKey: 'gsk_e2e' });
    cleanups.push(() => hanging.close());
    const stack = await startTestStack({ analyzers: 1 });
    cleanups.push(() => stack.stop());
    const victim = await stack.startLlmWorker({
      GROQ_API_KEY: 'gsk_e2e',
      GROQ_BASE_URL: hanging.baseURL,
    });
    const api = new ApiClient(stack.api, stack);
    const user = await api.signup('Lou');
    const projectId = (await api.createProject(user)).id;
    const upload = await api.upload(user, projectId, 'mix.wav', testWav({ seconds: 10 }));
    const analysisId = await api.createAnalysis(user, projectId, { uploadId: upload.id });

    await waitFor('the model call to start', async () => hanging.requests.length > 0 || undefined);
    victim.child.kill('SIGKILL');
    await victim.exited;
    // Without a key the survivor writes the rules report.
    await stack.startLlmWorker();

    const done = await api.waitForReport(user, analysisId);
    expect(done.status, stack.logs()).toBe('completed');
    expect(done.report?.source).toBe('rules');
    const reports = await stack.query('SELECT id FROM reports WHERE analysis_id = $1', [
      analysisId,
    ]);
    expect(reports).toHaveLength(1);
    expect(await trackRows(stack, analysisId)).toEqual([{ role: 'mix' }]);
  });
});

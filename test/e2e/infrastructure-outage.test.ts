import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/local-stack.ts';
import { ApiClient } from '../support/api.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';
import { testWav } from '../support/wav.ts';

const ANALYSES = 20;
/** The outage the issue asks for; far longer than the retry budget below. */
const OUTAGE_MS = 60_000;
/** Redis away for five times the job lock (QUEUE_LOCK_DURATION_MS 4 s in the test stacks): the running job stalls. */
const REDIS_OUTAGE_MS = 20_000;
/**
 * With 3 attempts and a 500 ms backoff an attempt-counting retry gives up after 0.5 + 1 s, so a
 * 60 s outage is 40 times the budget: only work that waits without spending attempts survives it.
 */
const RETRY_BUDGET_ENV = { JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '500' };

interface OutageFigures {
  completed: number;
  failed: number;
  lost: number;
  measuredTwice: number;
}

/** A proxy in front of `url`'s host and port, and `url` pointed at the proxy instead. */
async function proxied(url: string): Promise<{ proxy: TcpProxy; url: string }> {
  const target = new URL(url);
  const defaultPort = target.protocol.startsWith('postgres') ? 5432 : 80;
  const proxy = await new TcpProxy(target.hostname, Number(target.port || defaultPort)).start();
  target.hostname = '127.0.0.1';
  target.port = String(proxy.port);
  return { proxy, url: target.toString() };
}

/**
 * Submits 20 analyses, takes the dependency away for 60 s once a few have completed, brings it
 * back and counts what became of them: completed, failed, never finished (lost), and measured more
 * than once (more than one stored result, or more than one `finished` line for a track).
 */
async function runThroughOutage(
  stack: TestStack,
  proxy: () => TcpProxy,
  outageMs = OUTAGE_MS,
): Promise<OutageFigures> {
  const api = new ApiClient(stack.api, stack);
  const user = await api.signup('Sam');
  const projectId = (await api.createProject(user)).id;
  const upload = await api.upload(user, projectId, 'mix.wav', testWav({ seconds: 8 }));
  const ids: string[] = [];
  for (let i = 0; i < ANALYSES; i++)
    ids.push(await api.createAnalysis(user, projectId, { uploadId: upload.id }));

  const countCompleted = async () =>
    Number(
      (
        await stack.query<{ n: string }>(
          `SELECT count(*) AS n FROM analyses WHERE status = 'completed'`,
        )
      )[0].n,
    );
  await waitFor('a few analyses to complete', async () => (await countCompleted()) >= 3, {
    timeoutMs: 60_000,
    intervalMs: 100,
  });
  await proxy().cut();
  const cutAt = Date.now();
  await new Promise((r) => setTimeout(r, outageMs));
  expect(await countCompleted(), 'work was still queued when the outage ended').toBeLessThan(
    ANALYSES,
  );
  await proxy().restore();
  const outageLasted = Date.now() - cutAt;
  expect(outageLasted).toBeGreaterThanOrEqual(outageMs);

  const finishedStates = async () =>
    stack.query<{ id: string; status: string }>(
      `SELECT id, status FROM analyses WHERE status IN ('completed', 'failed')`,
    );
  await waitFor('every analysis to end', async () => (await finishedStates()).length === ANALYSES, {
    timeoutMs: 120_000,
    intervalMs: 500,
  }).catch(() => undefined);
  const states = await finishedStates();
  const rows = await stack.query<{ analysis_id: string; n: string }>(
    `SELECT analysis_id, count(*) AS n FROM track_results GROUP BY analysis_id`,
  );
  const lines = stack.analyzers.flatMap((a) => a.lines);
  const measuredTwice = ids.filter(
    (id) =>
      Number(rows.find((r) => r.analysis_id === id)?.n ?? 0) > 1 ||
      lines.filter((l) => l.includes(`finished ${id}.mix`)).length > 1,
  ).length;
  const figures = {
    completed: states.filter((s) => s.status === 'completed').length,
    failed: states.filter((s) => s.status === 'failed').length,
    lost: ANALYSES - states.length,
    measuredTwice,
  };
  console.log(`outage of ${outageLasted} ms: ${JSON.stringify(figures)}`);
  // No attempt was spent on the outage.
  expect(lines.filter((l) => /\(attempt [2-9]\//.test(l))).toEqual([]);
  return figures;
}

describe('infrastructure outages', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('loses, fails and re-measures nothing when Postgres is away from the analyzer for 60 s', async () => {
    // The proxy exists before the analyzer starts: its port goes into the analyzer's URL.
    const postgres = await proxied(
      process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    );
    cleanups.push(() => postgres.proxy.cut());
    const stack = await startTestStack({
      analyzers: 1,
      env: RETRY_BUDGET_ENV,
      analyzerDatabaseUrl: (url) => {
        const through = new URL(url);
        through.port = new URL(postgres.url).port;
        through.hostname = '127.0.0.1';
        return through.toString();
      },
    });
    cleanups.push(() => stack.stop());

    const figures = await runThroughOutage(stack, () => postgres.proxy);
    expect(figures, stack.logs()).toEqual({
      completed: ANALYSES,
      failed: 0,
      lost: 0,
      measuredTwice: 0,
    });
    expect(stack.analyzers[0].lines.some((l) => l.includes('waits for the database'))).toBe(true);
  });

  it('loses, fails and re-measures nothing when S3 is away from the analyzer for 60 s', async () => {
    let proxy: TcpProxy | undefined;
    const stack = await startTestStack({
      analyzers: 1,
      env: RETRY_BUDGET_ENV,
      analyzerS3Endpoint: async (endpoint) => {
        const s3 = await proxied(endpoint);
        proxy = s3.proxy;
        cleanups.push(() => s3.proxy.cut());
        return s3.url.replace(/\/$/, '');
      },
    });
    cleanups.push(() => stack.stop());

    const figures = await runThroughOutage(stack, () => proxy!);
    expect(figures, stack.logs()).toEqual({
      completed: ANALYSES,
      failed: 0,
      lost: 0,
      measuredTwice: 0,
    });
    expect(stack.analyzers[0].lines.some((l) => l.includes('waits for the storage'))).toBe(true);
  });

  it('loses, fails and re-measures nothing when Redis is away from the analyzer for longer than a job lock', async () => {
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const redis = await proxied(redisUrl.replace(/^redis:/, 'http:'));
    cleanups.push(() => redis.proxy.cut());
    const stack = await startTestStack({
      analyzers: 1,
      env: RETRY_BUDGET_ENV,
      analyzerRedisUrl: (url) => {
        const through = new URL(url);
        if (through.host !== new URL(redisUrl).host) throw new Error(`the stack uses ${url}`);
        through.hostname = '127.0.0.1';
        through.port = String(redis.proxy.port);
        return through.toString();
      },
    });
    cleanups.push(() => stack.stop());

    const figures = await runThroughOutage(stack, () => redis.proxy, REDIS_OUTAGE_MS);
    expect(figures, stack.logs()).toEqual({
      completed: ANALYSES,
      failed: 0,
      lost: 0,
      measuredTwice: 0,
    });
  });
});

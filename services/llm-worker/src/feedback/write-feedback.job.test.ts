/**
 * Medium tier: real Postgres and Redis on this machine, Groq replaced by the local fake. Each
 * scenario enqueues a `write-feedback` job, lets the worker run it, and reads the stored report.
 */
import {
  JobName,
  QueueName,
  jobIds,
  redisConnectionFields,
  resolveQueueSettings,
} from '@mixscope/contracts';
import { validateReport, type Feedback, type GroqOptions } from '@mixscope/feedback';
import { createQueueWorker } from '@mixscope/service-kit';
import { Queue, QueueEvents, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGroq, type FakeReply } from '@mixscope/feedback/testing';
import {
  groundedReport,
  misquotingReport,
  reportMissingSections,
} from '@mixscope/feedback/testing';
import { mixFixture, withReference } from '@mixscope/feedback/testing';
import { dropDatabase, ensureDatabase } from '@mixscope/db';
import { applyMigrations } from '@mixscope/db';
import { createPrismaClient, type PrismaClient } from '@mixscope/db';
import { FeedbackStore } from './feedback-store.ts';
import { writeFeedback } from './write-feedback.job.ts';

const BASE_DB_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/mixscope';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const dbUrl = (() => {
  const url = new URL(BASE_DB_URL);
  url.pathname = `/mixscope_llm_worker_test_${process.pid}`;
  return url.toString();
})();
const prefix = `mixscope-test-llm-${process.pid}`;
const API_KEY = 'gsk_worker_test';

async function reachable(): Promise<string | null> {
  const admin = new URL(BASE_DB_URL);
  admin.pathname = '/postgres';
  const client = new pg.Client({
    connectionString: admin.toString(),
    connectionTimeoutMillis: 2_000,
  });
  try {
    await client.connect();
    await client.end();
  } catch (error) {
    return `PostgreSQL at ${admin.host} is not reachable (${(error as Error).message})`;
  }
  const redis = new Redis({
    ...redisConnectionFields(REDIS_URL),
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (error) {
    return `Redis at ${REDIS_URL} is not reachable (${(error as Error).message})`;
  } finally {
    redis.disconnect();
  }
}

const missing = await reachable();
if (missing)
  console.warn(
    `skipping the llm-worker medium tests: ${missing}; run infra/local/ensure-services.sh`,
  );

const quiet = { log: () => {}, warn: () => {} };
const result = mixFixture({ integratedLufs: -9.7, truePeakDbtp: 0.8 });
const json = (value: unknown): FakeReply => ({
  kind: 'completion',
  content: JSON.stringify(value),
});

describe.skipIf(missing !== null)('llm-worker: write-feedback jobs', () => {
  let db: PrismaClient;
  let queue: Queue;
  let events: QueueEvents;
  let owner: { teamId: string; projectId: string; userId: string; uploadId: string };
  let revision = 0;

  beforeAll(async () => {
    await dropDatabase(dbUrl);
    await ensureDatabase(dbUrl);
    await applyMigrations(
      dbUrl,
      fileURLToPath(new URL('../../../../prisma/migrations', import.meta.url)),
    );
    db = createPrismaClient({ databaseUrl: dbUrl, poolSize: 4 });
    const connection = { ...redisConnectionFields(REDIS_URL), maxRetriesPerRequest: null };
    queue = new Queue(QueueName.feedback, { connection, prefix });
    events = new QueueEvents(QueueName.feedback, { connection, prefix });
    await events.waitUntilReady();

    const user = await db.user.create({
      data: { email: 'worker@test.local', name: 'Worker Test', passwordHash: 'x' },
    });
    const team = await db.team.create({ data: { name: 'Test team' } });
    const project = await db.project.create({ data: { teamId: team.id, name: 'Test project' } });
    const upload = await db.upload.create({
      data: {
        teamId: team.id,
        projectId: project.id,
        createdById: user.id,
        fileName: 'mix.wav',
        contentType: 'audio/wav',
        declaredSizeBytes: 1000,
        objectKey: `test/${randomUUID()}`,
        status: 'ready',
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    owner = { teamId: team.id, projectId: project.id, userId: user.id, uploadId: upload.id };
  });

  afterAll(async () => {
    await queue?.obliterate({ force: true }).catch(() => {});
    await events?.close();
    await queue?.close();
    await db?.$disconnect();
    await dropDatabase(dbUrl).catch(() => {});
  });

  async function analysisWith(
    status: 'completed' | 'running',
    mix = result,
    reference?: typeof result,
  ) {
    const withRef = reference ? withReference(mix, reference, [3, 0, 0, 0, 0, 0]) : null;
    const analysis = await db.analysis.create({
      data: {
        teamId: owner.teamId,
        projectId: owner.projectId,
        createdById: owner.userId,
        revision: ++revision,
        uploadId: owner.uploadId,
        status,
        comparison: withRef ? (withRef.comparison as object) : undefined,
        tracks: {
          create: [
            { role: 'mix', result: mix as object },
            ...(reference ? [{ role: 'reference' as const, result: reference as object }] : []),
          ],
        },
      },
    });
    return analysis.id;
  }

  /** Runs one job through a worker wired like the app's, against a fake Groq with `script`. */
  async function runJob(
    analysisId: string,
    script: FakeReply[] | null,
    groq: Partial<GroqOptions> = {},
  ) {
    const fake = script ? await startFakeGroq(script, { apiKey: API_KEY }) : null;
    const store = new FeedbackStore(db);
    const options: GroqOptions = fake
      ? { apiKey: API_KEY, baseURL: fake.baseURL, timeoutMs: 2_000, retryBaseDelayMs: 20, ...groq }
      : { apiKey: '' };
    const config = {
      redis: { url: REDIS_URL, prefix },
      queues: resolveQueueSettings(),
      workerName: 'llm-worker-test',
    };
    const worker: Worker = createQueueWorker(
      config,
      QueueName.feedback,
      (job) => writeFeedback(job, { store, groq: options, log: quiet }),
      quiet,
    );
    try {
      const job = await queue.add(
        JobName.writeFeedback,
        { analysisId, genre: 'pop', targets: ['spotify', 'apple-music'] },
        { jobId: jobIds.writeFeedback(analysisId), attempts: 1 },
      );
      const outcome = await job
        .waitUntilFinished(events, 20_000)
        .catch((error: Error) => ({ failed: error.message }));
      const row = await db.report.findUnique({ where: { analysisId } });
      return { outcome, row, requests: fake?.requests.length ?? 0 };
    } finally {
      await worker.close();
      await fake?.close();
    }
  }

  function expectStored(row: Awaited<ReturnType<typeof runJob>>['row'], source: 'llm' | 'rules') {
    expect(row).not.toBeNull();
    const body = row!.body as unknown as Feedback;
    expect(row!.source).toBe(source);
    expect(body.source).toBe(source);
    expect(validateReport(body.report).valid).toBe(true);
    expect(body.findings.some((f) => f.id === 'true-peak.over')).toBe(true);
    expect(
      body.findings
        .filter((f) => f.area === 'loudness')
        .map((f) => f.id)
        .sort(),
    ).toEqual(['loudness.platform.apple-music', 'loudness.platform.spotify']);
    if (source === 'rules') expect(row!.fallbackReason).toBeTruthy();
    else expect(row!.fallbackReason).toBeNull();
    return body;
  }

  it('a valid answer is stored with source llm, model, token usage and latency', async () => {
    const id = await analysisWith('completed');
    const { outcome, row, requests } = await runJob(id, [json(groundedReport(result))]);
    expect(outcome).toEqual({ analysisId: id, status: 'written', source: 'llm' });
    const body = expectStored(row, 'llm');
    expect(body.report).toEqual(groundedReport(result));
    expect(row).toMatchObject({
      model: 'openai/gpt-oss-120b',
      promptTokens: 1200,
      completionTokens: 600,
      totalTokens: 1800,
      attempts: 1,
    });
    expect(row!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(requests).toBe(1);
  });

  it('JSON wrapped in markdown is repaired and stored: llm', async () => {
    const id = await analysisWith('completed');
    const fenced = `\`\`\`json\n${JSON.stringify(groundedReport(result))}\n\`\`\``;
    expectStored((await runJob(id, [{ kind: 'completion', content: fenced }])).row, 'llm');
  });

  it('missing sections are retried and the complete answer stored: llm', async () => {
    const id = await analysisWith('completed');
    const { row, requests } = await runJob(id, [
      json(reportMissingSections(result)),
      json(groundedReport(result)),
    ]);
    expectStored(row, 'llm');
    expect(requests).toBe(2);
    expect(row!.totalTokens).toBe(3600);
  });

  it('wrong numbers every time end in the stored rules report', async () => {
    const id = await analysisWith('completed');
    const { row, requests } = await runJob(id, [json(misquotingReport(result))], {
      maxAttempts: 2,
    });
    expectStored(row, 'rules');
    expect(requests).toBe(2);
    expect(row!.fallbackReason).toContain('contradicts the measurements');
  });

  it('429 with Retry-After is waited out: llm', async () => {
    const id = await analysisWith('completed');
    const { row, requests } = await runJob(id, [
      { kind: 'status', status: 429, headers: { 'retry-after': '1' } },
      json(groundedReport(result)),
    ]);
    expectStored(row, 'llm');
    expect(requests).toBe(2);
    expect(row!.latencyMs).toBeGreaterThanOrEqual(950);
  });

  it('500 every time ends in the stored rules report', async () => {
    const id = await analysisWith('completed');
    const { row, requests } = await runJob(id, [{ kind: 'status', status: 500 }], {
      maxRetries: 1,
    });
    expectStored(row, 'rules');
    expect(requests).toBe(2);
    expect(row!.fallbackReason).toContain('HTTP 500');
  });

  it('a hanging connection ends quickly in the stored rules report', async () => {
    const id = await analysisWith('completed');
    const started = Date.now();
    const { row } = await runJob(id, [{ kind: 'hang' }], { timeoutMs: 300, maxRetries: 1 });
    expectStored(row, 'rules');
    expect(row!.fallbackReason).toContain('timed out');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('without GROQ_API_KEY the rules report is stored and says so', async () => {
    const id = await analysisWith('completed');
    const { row } = await runJob(id, null);
    const body = expectStored(row, 'rules');
    expect(body.report.summary).toContain('GROQ_API_KEY is not set');
    expect(row).toMatchObject({ model: null, attempts: 0, totalTokens: null });
  });

  it('a reference comparison reaches the report; a re-run overwrites rather than duplicates', async () => {
    const id = await analysisWith(
      'completed',
      result,
      mixFixture({ name: 'ref.wav', integratedLufs: -8.2 }),
    );
    const first = await runJob(id, [
      json(
        groundedReport(withReference(result, mixFixture({ name: 'ref.wav' }), [3, 0, 0, 0, 0, 0])),
      ),
    ]);
    const body = expectStored(first.row, 'llm');
    expect(body.report.referenceComparison).toContain('ref.wav');
    expect(body.findings.some((f) => f.id === 'reference.band.sub')).toBe(true);
    await queue.remove(jobIds.writeFeedback(id));
    await runJob(id, null);
    expect(await db.report.count({ where: { analysisId: id } })).toBe(1);
    expect((await db.report.findUnique({ where: { analysisId: id } }))!.source).toBe('rules');
  });

  it('an unfinished analysis fails the job for a retry; a deleted one is dropped', async () => {
    const running = await analysisWith('running');
    const { outcome, row } = await runJob(running, null);
    expect(outcome).toEqual({ failed: expect.stringContaining('is not completed (running)') });
    expect(row).toBeNull();
    const gone = randomUUID();
    expect((await runJob(gone, null)).outcome).toEqual({
      analysisId: gone,
      status: 'analysis-gone',
    });
  });
});

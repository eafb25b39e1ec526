/**
 * Medium tier: real Postgres and Redis on this machine, Groq replaced by the local fake. Each
 * scenario enqueues a `write-feedback` job, lets the worker run it, and reads the stored report.
 */
import { feedbackSchema, redisConnectionFields } from '@mixscope/contracts';
import { validateReport, type GroqOptions } from '@mixscope/feedback';
import {
  groundedReport,
  misquotingReport,
  reportMissingSections,
  startFakeGroq,
  type FakeReply,
} from '@mixscope/feedback/testing';
import { buildAnalysisResult, buildReferenceFor, withReference } from '@mixscope/contracts/testing';
import { withPlatformRows } from '@mixscope/dsp/testing';
import { compareResults } from '@mixscope/dsp';
import {
  AnalysisRepository,
  JobName,
  QueueName,
  jobIds,
  resolveQueueSettings,
} from '@mixscope/pipeline';
import {
  MEDIUM_REDIS_URL,
  createAnalysesTestBed,
  createTestAnalysis,
  postgresAndRedis,
  storeMeasuredTracks,
  type TestDatabase,
  type TestOwner,
} from '@mixscope/pipeline/testing';
import { createQueueWorker } from '@mixscope/service-kit';
import { describeWith } from '@mixscope/test-requirements';
import { Queue, QueueEvents, type Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeFeedback } from './write-feedback.job.ts';

const prefix = `mixscope-test-llm-${process.pid}`;
const API_KEY = 'gsk_worker_test';

const quiet = { log: () => {}, warn: () => {} };
const result = buildAnalysisResult(
  { loudness: { integratedLufs: -9.7, truePeakDbtp: 0.8 } },
  withPlatformRows,
);
const json = (value: unknown): FakeReply => ({
  kind: 'completion',
  content: JSON.stringify(value),
});

describeWith(await postgresAndRedis(), 'llm-worker: write-feedback jobs', () => {
  let database: TestDatabase;
  let analyses: AnalysisRepository;
  let queue: Queue;
  let events: QueueEvents;
  let owner: TestOwner;

  beforeAll(async () => {
    ({ database, analyses, owner } = await createAnalysesTestBed('llm_worker_test', 'worker'));
    const connection = { ...redisConnectionFields(MEDIUM_REDIS_URL), maxRetriesPerRequest: null };
    queue = new Queue(QueueName.feedback, { connection, prefix });
    events = new QueueEvents(QueueName.feedback, { connection, prefix });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await queue?.obliterate({ force: true }).catch(() => {});
    await events?.close();
    await queue?.close();
    await database?.drop();
  });

  /** An analysis stored the way the analyzer stores one: its tracks measured, and completed or not. */
  async function analysisWith(
    status: 'completed' | 'running',
    mix = result,
    reference?: typeof result,
  ) {
    const { id } = await createTestAnalysis(
      { analyses, owner },
      {
        genre: 'pop',
        targets: ['spotify', 'apple-music'],
        referenceFileName: reference ? 'ref.wav' : undefined,
      },
    );
    const comparison = reference ? compareResults(mix, reference) : null;
    await storeMeasuredTracks(analyses, id, {
      mix,
      reference,
      comparison: status === 'completed' ? comparison : undefined,
    });
    return id;
  }

  /** Runs one job through a worker wired like the app's, against a fake Groq with `script`. */
  async function runJob(
    analysisId: string,
    script: FakeReply[] | null,
    groq: Partial<GroqOptions> = {},
    choices: { genre: string | null; targets: string[] } = {
      genre: 'pop',
      targets: ['spotify', 'apple-music'],
    },
  ) {
    const fake = script ? await startFakeGroq(script, { apiKey: API_KEY }) : null;
    const options: GroqOptions = fake
      ? { apiKey: API_KEY, baseURL: fake.baseURL, timeoutMs: 2_000, ...groq }
      : { apiKey: '' };
    const config = {
      redis: { url: MEDIUM_REDIS_URL, prefix },
      queues: resolveQueueSettings(),
      workerName: 'llm-worker-test',
    };
    const worker: Worker = createQueueWorker(
      config,
      QueueName.feedback,
      (job) => writeFeedback(job, { analyses, groq: options, log: quiet }),
      quiet,
    );
    try {
      const job = await queue.add(
        JobName.writeFeedback,
        { analysisId, ...choices },
        { jobId: jobIds.writeFeedback(analysisId), attempts: 1 },
      );
      const outcome = await job
        .waitUntilFinished(events, 20_000)
        .catch((error: Error) => ({ failed: error.message }));
      const row = await database.prisma.report.findUnique({ where: { analysisId } });
      return { outcome, row, requests: fake?.requests.length ?? 0 };
    } finally {
      await worker.close();
      await fake?.close();
    }
  }

  function expectStored(row: Awaited<ReturnType<typeof runJob>>['row'], source: 'llm' | 'rules') {
    expect(row).not.toBeNull();
    const body = feedbackSchema.parse(row!.body);
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
    // Loudness-matched, the reference's sub band sits 3 dB below the mix's.
    const reference = buildReferenceFor(
      result,
      [3, 0, 0, 0, 0, 0],
      { file: { name: 'ref.wav' }, loudness: { integratedLufs: -8.2 } },
      withPlatformRows,
    );
    const id = await analysisWith('completed', result, reference);
    const first = await runJob(id, [
      json(groundedReport(withReference(result, reference, compareResults))),
    ]);
    const body = expectStored(first.row, 'llm');
    expect(body.report.referenceComparison).toContain('ref.wav');
    expect(body.findings.some((f) => f.id === 'reference.band.sub')).toBe(true);
    await queue.remove(jobIds.writeFeedback(id));
    await runJob(id, null);
    expect(await database.prisma.report.count({ where: { analysisId: id } })).toBe(1);
    expect((await database.prisma.report.findUnique({ where: { analysisId: id } }))!.source).toBe(
      'rules',
    );
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

  it('an unknown genre or platform fails the job, naming it, instead of writing another report', async () => {
    const genre = await runJob(
      await analysisWith('completed'),
      null,
      {},
      {
        genre: 'polka',
        targets: [],
      },
    );
    expect(genre.outcome).toEqual({ failed: expect.stringContaining('polka') });
    expect(genre.row).toBeNull();
    const platform = await runJob(
      await analysisWith('completed'),
      null,
      {},
      {
        genre: null,
        targets: ['myspace'],
      },
    );
    expect(platform.outcome).toEqual({ failed: expect.stringContaining('myspace') });
    expect(platform.row).toBeNull();
  });

  it('a stored result that breaks the contract fails the job for good', async () => {
    const id = await analysisWith('completed');
    await database.prisma.trackResult.update({
      where: { analysisId_role: { analysisId: id, role: 'mix' } },
      data: { result: { schemaVersion: 1 } },
    });
    const { outcome, row } = await runJob(id, null);
    expect(outcome).toEqual({ failed: expect.stringContaining(`stored result of analysis ${id}`) });
    expect(row).toBeNull();
  });
});

import { HeadObjectCommand } from '@aws-sdk/client-s3';
import {
  PROGRESS_STAGES,
  redisConnectionFields,
  type AnalysisDto,
  type AnalysisListResponse,
} from '@mixscope/contracts';
import { NO_API_KEY_REASON } from '@mixscope/feedback';
import { Queue } from 'bullmq';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGroq, type FakeGroq } from '@mixscope/feedback/testing';
import { groundedReport } from '@mixscope/feedback/testing';
import { ApiClient, type Account } from '../support/api.ts';
import { cliResult, withoutTimings } from '../support/cli.ts';
import { SocketRecorder } from '../support/socket.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { writeTestWav } from '../support/wav.ts';

// End to end over HTTP and Socket.IO against the built gateway, two analyzer processes and a
// feedback worker: without GROQ_API_KEY first, then with Groq replaced by a local fake.
describe('hosted pipeline', () => {
  let stack: TestStack;
  let fakeGroq: FakeGroq | undefined;
  let api: ApiClient;
  let account: Account;
  let projectId: string;
  let dir: string;
  let mixPath: string;
  let mixBytes: Buffer;
  let refPath: string;
  let refBytes: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mixscope-e2e-'));
    mixPath = join(dir, 'mix-v1.wav');
    refPath = join(dir, 'reference.wav');
    mixBytes = await writeTestWav(mixPath, { seconds: 30, bpm: 124, rootHz: 220 });
    refBytes = await writeTestWav(refPath, { seconds: 30, bpm: 128, rootHz: 196, gainDb: -2 });
    stack = await startTestStack({ analyzers: 2 });
    await stack.startLlmWorker();
    api = new ApiClient(stack.api, stack);
    account = await api.signup('Ada');
    projectId = (await api.createProject(account, 'Night Drive')).id;
  });

  afterAll(async () => {
    await stack?.stop();
    await fakeGroq?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('uploads, analyses with live progress, and returns what the command-line tool prints, feedback included', async () => {
    const socket = await SocketRecorder.connect(stack.baseUrl, { token: account.token });
    try {
      const upload = await api.upload(account, projectId, 'mix-v1.wav', mixBytes);
      expect(upload).toMatchObject({
        status: 'ready',
        container: 'wav',
        sizeBytes: mixBytes.length,
      });

      const analysisId = await api.createAnalysis(account, projectId, {
        uploadId: upload.id,
        title: 'first pass',
        genre: 'electronic',
      });
      expect(await socket.subscribe(analysisId)).toEqual({ ok: true });
      await socket.waitFor(analysisId, 'analysis.report');

      const events = socket.for(analysisId);
      const progress = events.filter((e) => e.event === 'analysis.progress');
      const stages = progress.map((e) => PROGRESS_STAGES.indexOf(e.payload.stage as never));
      const percents = progress.map((e) => e.payload.percent ?? -1);
      expect(stages.every((s) => s >= 0)).toBe(true);
      expect(stages).toEqual([...stages].sort((a, b) => a - b));
      expect(percents).toEqual([...percents].sort((a, b) => a - b));
      expect(new Set(progress.map((e) => e.payload.stage))).toEqual(new Set(PROGRESS_STAGES));
      // Measurements first (the result is there), then the written report, which ends it.
      expect(events.slice(-2).map((e) => e.event)).toEqual([
        'analysis.completed',
        'analysis.report',
      ]);
      expect(events.at(-1)?.payload).toEqual({ analysisId, source: 'rules' });
      expect(events.filter((e) => e.event === 'analysis.completed')).toHaveLength(1);

      const res = await api.get<AnalysisDto>(`/analyses/${analysisId}`, account.token);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: analysisId,
        status: 'completed',
        percent: 100,
        revision: 1,
        reportStatus: 'ready',
      });
      expect(res.body.timings.totalMs).toBeGreaterThan(0);
      const { feedback, ...expected } = await cliResult(mixPath, undefined, {
        genre: 'electronic',
      });
      expect(withoutTimings(res.body.result)).toEqual(withoutTimings(expected));
      // The codec preview ran as its own stage (above) and is in the API result.
      expect(res.body.result?.codecs?.map((row) => [row.codec, row.available])).toEqual([
        ['aac', true],
        ['vorbis', true],
        ['opus', true],
        ['mp3', true],
      ]);
      for (const row of res.body.result?.codecs ?? []) {
        expect(row.truePeakDbtp).toBeTypeOf('number');
        expect(row.measuredSec).toBeGreaterThan(0);
      }
      // The song's sections are in the API result, end to end over the track, each measured.
      const result = res.body.result!;
      expect(result.sections?.length).toBeGreaterThan(0);
      expect(result.sections![0].startSec).toBe(0);
      expect(Math.abs(result.sections!.at(-1)!.endSec - result.file.durationSec)).toBeLessThan(0.5);
      for (const section of result.sections!) {
        expect(section.endSec).toBeGreaterThan(section.startSec);
        expect(section.label).toMatch(/^[A-Z]/);
        expect(section.loudness.integratedLufs).toBeTypeOf('number');
      }
      // No GROQ_API_KEY: the rules report, saying so, exactly as `--json --feedback` prints it.
      expect(res.body.report).toEqual(feedback);
      expect(res.body.report).toMatchObject({
        source: 'rules',
        fallbackReason: NO_API_KEY_REASON,
        profile: { id: 'electronic', chosenBy: 'user' },
      });
      expect(res.body.report?.report.summary).toContain('GROQ_API_KEY is not set');
      expect(
        await stack.query(
          'SELECT source, model, total_tokens, attempts FROM reports WHERE analysis_id = $1',
          [analysisId],
        ),
      ).toEqual([{ source: 'rules', model: null, total_tokens: null, attempts: 0 }]);

      const list = await api.get<AnalysisListResponse>(
        `/projects/${projectId}/analyses`,
        account.token,
      );
      expect(list.body.items[0]).toMatchObject({
        id: analysisId,
        revision: 1,
        fileName: 'mix-v1.wav',
        headline: {
          integratedLufs: expected.loudness.integratedLufs,
          truePeakDbtp: expected.loudness.truePeakDbtp,
          bpm: expected.tempo?.bpm ?? null,
        },
      });
    } finally {
      socket.close();
    }
  });

  it('measures mix and reference in parallel on two workers, compares them, and has the LLM write the report', async () => {
    const expected = await cliResult(mixPath, refPath);
    // The model's answer quotes the measurements, so the grounding check accepts it.
    const answer = groundedReport(expected);
    fakeGroq = await startFakeGroq([{ kind: 'completion', content: JSON.stringify(answer) }], {
      apiKey: 'gsk_e2e',
    });
    await stack.llmWorkers[0].stop();
    await stack.startLlmWorker({
      GROQ_API_KEY: 'gsk_e2e',
      GROQ_BASE_URL: fakeGroq.baseURL,
      GROQ_MODEL: 'openai/gpt-oss-20b',
    });

    const mix = await api.upload(account, projectId, 'mix-v1.wav', mixBytes);
    const reference = await api.upload(account, projectId, 'reference.wav', refBytes);
    const analysisId = await api.createAnalysis(account, projectId, {
      uploadId: mix.id,
      referenceUploadId: reference.id,
      genre: 'pop',
      targets: ['spotify', 'apple-music'],
    });
    const done = await api.waitForReport(account, analysisId);
    expect(done.status, stack.logs()).toBe('completed');
    expect(done.revision).toBe(2);
    expect(withoutTimings(done.result)).toEqual(withoutTimings(expected));

    expect(fakeGroq.requests).toHaveLength(1);
    expect(fakeGroq.requests[0].body.model).toBe('openai/gpt-oss-20b');
    const report = done.report!;
    expect(report).toMatchObject({
      source: 'llm',
      model: 'openai/gpt-oss-20b',
      report: answer,
      profile: { id: 'pop', chosenBy: 'user' },
      usage: { promptTokens: 1200, completionTokens: 600, totalTokens: 1800 },
      attempts: 1,
    });
    expect(report.latencyMs).toBeGreaterThanOrEqual(0);
    expect(report.fallbackReason).toBeUndefined();
    // The platforms chosen at upload decide which loudness targets are checked.
    expect(
      report.findings
        .filter((f) => f.area === 'loudness')
        .map((f) => f.id)
        .sort(),
    ).toEqual(['loudness.platform.apple-music', 'loudness.platform.spotify']);
    expect(report.findings.some((f) => f.area === 'reference')).toBe(true);
    const [row] = await stack.query<Record<string, unknown>>(
      `SELECT source, model, prompt_tokens, completion_tokens, total_tokens, latency_ms, attempts
         FROM reports WHERE analysis_id = $1`,
      [analysisId],
    );
    expect(row).toEqual({
      source: 'llm',
      model: 'openai/gpt-oss-20b',
      prompt_tokens: 1200,
      completion_tokens: 600,
      total_tokens: 1800,
      latency_ms: Math.round(report.latencyMs!),
      attempts: 1,
    });

    const queue = new Queue('analyze', {
      connection: redisConnectionFields(stack.redisUrl),
      prefix: stack.prefix,
    });
    try {
      const [mixJob, refJob] = await Promise.all([
        queue.getJob(`${analysisId}.mix`),
        queue.getJob(`${analysisId}.reference`),
      ]);
      const windows = [mixJob, refJob].map((job) => [job!.processedOn!, job!.finishedOn!]);
      // Each running window starts before the other ends: they ran at the same time.
      expect(windows[0][0]).toBeLessThan(windows[1][1]);
      expect(windows[1][0]).toBeLessThan(windows[0][1]);
      expect(mixJob!.processedBy).not.toBe(refJob!.processedBy);
    } finally {
      await queue.close();
    }
  });

  it('lists revisions newest first with a cursor, and deletes an analysis with its audio', async () => {
    const page = await api.get<AnalysisListResponse>(
      `/projects/${projectId}/analyses?limit=1`,
      account.token,
    );
    expect(page.body.items.map((i) => i.revision)).toEqual([2]);
    const next = await api.get<AnalysisListResponse>(
      `/projects/${projectId}/analyses?limit=1&cursor=${page.body.nextCursor}`,
      account.token,
    );
    expect(next.body.items.map((i) => i.revision)).toEqual([1]);
    expect(next.body.nextCursor).toBeNull();

    const victim = page.body.items[0];
    const [{ object_key: mixKey }, { object_key: refKey }] = await stack.query<{
      object_key: string;
    }>(
      `SELECT u.object_key FROM analyses a JOIN uploads u ON u.id IN (a.upload_id, a.reference_upload_id)
        WHERE a.id = $1 ORDER BY u.id = a.upload_id DESC`,
      [victim.id],
    );
    expect((await api.delete(`/analyses/${victim.id}`, account.token)).status).toBe(204);
    expect((await api.get(`/analyses/${victim.id}`, account.token)).status).toBe(404);

    const s3 = stack.s3Client();
    const exists = (Key: string) =>
      s3.send(new HeadObjectCommand({ Bucket: stack.bucket, Key })).then(
        () => true,
        () => false,
      );
    expect(await exists(mixKey)).toBe(false);
    expect(await exists(refKey)).toBe(false);
    s3.destroy();
    expect(
      await stack.query('SELECT 1 FROM track_results WHERE analysis_id = $1', [victim.id]),
    ).toEqual([]);
  });
});

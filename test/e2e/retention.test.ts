import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { AnalysisDto } from '@mixscope/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/local-stack.ts';
import { ApiClient, type Account } from '../support/api.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { testWav } from '../support/wav.ts';

const DAY_MS = 24 * 3600 * 1000;

describe('audio retention', () => {
  let stack: TestStack;
  let s3: S3Client;
  let api: ApiClient;
  let account: Account;
  let projectId: string;

  beforeAll(async () => {
    stack = await startTestStack({
      analyzers: 1,
      gatewayEnv: { AUDIO_RETENTION_DAYS: '2', RETENTION_SWEEP_INTERVAL_MS: '300' },
    });
    s3 = stack.s3Client();
    api = new ApiClient(stack.api, stack);
    account = await api.signup('Ines');
    projectId = (await api.createProject(account)).id;
  });

  afterAll(async () => {
    s3?.destroy();
    await stack?.stop();
  });

  const objectExists = async (uploadId: string) => {
    const [{ object_key }] = await stack.query<{ object_key: string }>(
      'SELECT object_key FROM uploads WHERE id = $1',
      [uploadId],
    );
    try {
      await s3.send(new HeadObjectCommand({ Bucket: stack.bucket, Key: object_key }));
      return true;
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
        return false;
      throw error;
    }
  };
  const uploadStatus = async (uploadId: string) =>
    (
      await stack.query<{ status: string }>('SELECT status FROM uploads WHERE id = $1', [uploadId])
    )[0].status;
  const age = (uploadId: string, days: number) =>
    stack.query('UPDATE uploads SET created_at = $2 WHERE id = $1', [
      uploadId,
      new Date(Date.now() - days * DAY_MS),
    ]);

  it('deletes audio past its days, keeps analyses, and spares audio a pending analysis needs', async () => {
    const wav = testWav({ seconds: 3 });
    const old = (await api.upload(account, projectId, 'old.wav', wav)).id;
    const recent = (await api.upload(account, projectId, 'recent.wav', wav)).id;
    const needed = (await api.upload(account, projectId, 'needed.wav', wav)).id;

    const analysed = await api.createAnalysis(account, projectId, { uploadId: old });
    expect((await api.waitForAnalysis(account, analysed)).status).toBe('completed');
    // With no analyzer running, this analysis stays queued and needs its audio.
    await stack.analyzers[0].stop(10_000);
    const pending = await api.createAnalysis(account, projectId, { uploadId: needed });

    await age(old, 2.1);
    await age(needed, 3);
    await age(recent, 1.9);

    await waitFor(
      'the old audio to be swept',
      async () => (await uploadStatus(old)) === 'deleted',
      {
        timeoutMs: 15_000,
      },
    );
    expect(await objectExists(old)).toBe(false);
    // Two more sweeps go by: the recent upload and the one a queued analysis needs stay.
    await new Promise((r) => setTimeout(r, 800));
    expect(await objectExists(recent)).toBe(true);
    expect(await uploadStatus(recent)).toBe('ready');
    expect(await objectExists(needed)).toBe(true);
    expect(await uploadStatus(needed)).toBe('ready');

    // The analysis of the deleted audio is kept whole.
    const kept = await api.get<AnalysisDto>(`/analyses/${analysed}`, account.token);
    expect(kept.status).toBe(200);
    expect(kept.body.status).toBe('completed');
    expect(kept.body.result?.loudness).toBeDefined();
    // The deleted audio cannot be analysed again.
    const again = await api.post(
      `/projects/${projectId}/analyses`,
      { uploadId: old },
      account.token,
    );
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);

    // Once its analysis is done, the old audio it needed goes too.
    await stack.startAnalyzer();
    expect(
      (await api.waitForAnalysis(account, pending, ['completed', 'failed'], 60_000)).status,
    ).toBe('completed');
    await waitFor(
      'the needed audio to be swept after its analysis',
      async () => (await uploadStatus(needed)) === 'deleted',
    );
    expect(await objectExists(needed)).toBe(false);
    expect(
      stack.gateway.lines.some((l) => /deleted the audio of \d+ uploads older than 2 days/.test(l)),
    ).toBe(true);
  });
});

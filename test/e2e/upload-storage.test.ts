import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/local-stack.ts';
import { ApiClient, putToStorage, type Account } from '../support/api.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { testWav } from '../support/wav.ts';

/** Threat model, storage cases 8 (replaced after complete) and 9 (abandoned uploads, quota). */
describe('upload storage', () => {
  const wav = testWav({ seconds: 2 });
  // Room for three such files, not four.
  const quota = wav.length * 3 + 100;
  let stack: TestStack;
  let s3: S3Client;
  let api: ApiClient;
  let account: Account;
  let projectId: string;

  beforeAll(async () => {
    stack = await startTestStack({
      analyzers: 1,
      gatewayEnv: {
        TEAM_STORAGE_QUOTA_BYTES: String(quota),
        UPLOAD_ABANDONED_AFTER_SEC: '60',
        RETENTION_SWEEP_INTERVAL_MS: '300',
      },
    });
    s3 = stack.s3Client();
    api = new ApiClient(stack.api, stack);
    account = await api.signup('Quinn');
    projectId = (await api.createProject(account)).id;
  });

  afterAll(async () => {
    s3?.destroy();
    await stack?.stop();
  });

  const objectKeyOf = async (uploadId: string) =>
    (
      await stack.query<{ object_key: string }>('SELECT object_key FROM uploads WHERE id = $1', [
        uploadId,
      ])
    )[0]!.object_key;
  const exists = async (key: string) =>
    s3.send(new HeadObjectCommand({ Bucket: stack.bucket, Key: key })).then(
      () => true,
      (error: { $metadata?: { httpStatusCode?: number } }) => {
        if (error.$metadata?.httpStatusCode === 404) return false;
        throw error;
      },
    );

  it('analyses the bytes checked at complete, even after a PUT with the still-valid URL', async () => {
    const presigned = await api.presign(account, projectId, 'mix.wav', wav.length);
    expect(await putToStorage(presigned, wav)).toBe(200);
    const done = await api.post(`/uploads/${presigned.uploadId}/complete`, {}, account.token);
    expect(done.status).toBe(200);

    // An ELF of the same length, through the URL that stays valid for its whole TTL.
    const elf = Buffer.alloc(wav.length, 0);
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]).copy(elf);
    expect(await putToStorage(presigned, elf)).toBe(200);

    const sealedKey = await objectKeyOf(presigned.uploadId);
    expect(sealedKey).toMatch(/^sealed\//);
    const sealed = await s3.send(new GetObjectCommand({ Bucket: stack.bucket, Key: sealedKey }));
    expect(Buffer.from(await sealed.Body!.transformToByteArray())).toEqual(wav);

    const analysisId = await api.createAnalysis(account, projectId, {
      uploadId: presigned.uploadId,
    });
    const analysis = await api.waitForAnalysis(account, analysisId);
    expect(analysis.status).toBe('completed');

    // What that PUT left at the landing key is deleted once its URL has expired; the sealed copy stays.
    const landingKey = sealedKey.slice('sealed/'.length);
    expect(await exists(landingKey)).toBe(true);
    await stack.query('UPDATE uploads SET expires_at = $2 WHERE id = $1', [
      presigned.uploadId,
      new Date(Date.now() - 1000),
    ]);
    await waitFor('the landing key to be cleared', async () => !(await exists(landingKey)), {
      timeoutMs: 15_000,
    });
    expect(await exists(sealedKey)).toBe(true);
    const [row] = await stack.query<{ landing_cleared_at: Date | null }>(
      'SELECT landing_cleared_at FROM uploads WHERE id = $1',
      [presigned.uploadId],
    );
    expect(row.landing_cleared_at).not.toBeNull();
  });

  it('refuses an upload that would exceed the team quota with 413 and the figures', async () => {
    // One file is stored above; two more fit.
    await api.upload(account, projectId, 'two.wav', wav);
    await api.upload(account, projectId, 'three.wav', wav);
    const over = await api.post<{ message: string }>(
      `/projects/${projectId}/uploads`,
      { fileName: 'four.wav', sizeBytes: wav.length, contentType: 'audio/wav' },
      account.token,
    );
    expect(over.status).toBe(413);
    expect(over.body.message).toMatch(
      /storage quota is used up: .+ of .+ used, and this file needs .+/,
    );
  });

  it('sweeps uploads that were never completed, and frees their quota', async () => {
    const other = await api.signup('Rae');
    const otherProject = (await api.createProject(other)).id;
    const abandoned = await api.presign(other, otherProject, 'gone.wav', wav.length);
    expect(await putToStorage(abandoned, wav)).toBe(200);
    const fresh = await api.presign(other, otherProject, 'fresh.wav', wav.length);
    const key = await objectKeyOf(abandoned.uploadId);
    expect(await exists(key)).toBe(true);

    // Its URL expired two minutes ago: past UPLOAD_ABANDONED_AFTER_SEC.
    await stack.query('UPDATE uploads SET expires_at = $2 WHERE id = $1', [
      abandoned.uploadId,
      new Date(Date.now() - 120_000),
    ]);
    await waitFor(
      'the abandoned upload to be swept',
      async () =>
        (
          await stack.query<{ status: string }>('SELECT status FROM uploads WHERE id = $1', [
            abandoned.uploadId,
          ])
        )[0]!.status === 'deleted',
      { timeoutMs: 15_000 },
    );
    expect(await exists(key)).toBe(false);
    const [{ status }] = await stack.query<{ status: string }>(
      'SELECT status FROM uploads WHERE id = $1',
      [fresh.uploadId],
    );
    expect(status).toBe('pending');
    expect(
      stack.gateway.lines.some((l) => /deleted 1 uploads that were never completed/.test(l)),
    ).toBe(true);
  });
});

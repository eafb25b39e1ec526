import {
  CopyObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startS3rver, type LocalService } from '../../infra/local/local-stack.ts';

/** The S3 store `npm start` runs answers signed requests only (threat model: storage, case 7). */
describe('local S3 store', () => {
  const bucket = 'mixscope-audio';
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: randomBytes(32).toString('hex') };
  let dir: string;
  let store: LocalService;
  let endpoint: string;
  let client: S3Client;
  let forger: S3Client;
  const key = 'audio/team/project/upload';
  const body = Buffer.from('RIFF....WAVEfmt the checked bytes');

  const clientWith = (secretAccessKey: string) =>
    new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 1,
    });
  const presignedPut = (options: { signingDate?: Date; expiresIn?: number } = {}) =>
    getSignedUrl(
      client,
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        ContentType: 'audio/wav',
        ContentLength: body.length,
      }),
      {
        expiresIn: options.expiresIn ?? 900,
        signingDate: options.signingDate,
        signableHeaders: new Set(['content-type', 'content-length']),
      },
    );
  const put = (url: string, bytes = body) =>
    fetch(url, { method: 'PUT', body: bytes, headers: { 'Content-Type': 'audio/wav' } });
  const statusOf = async (error: unknown) =>
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mixscope-s3-gate-'));
    const started = await startS3rver({
      port: await freePort(),
      directory: join(dir, 'data'),
      bucket,
      corsOrigins: ['http://localhost:3000'],
      credentials,
    });
    store = started.process;
    endpoint = started.endpoint;
    client = clientWith(credentials.secretAccessKey);
    forger = clientWith('S3RVER');
  });

  afterAll(async () => {
    client?.destroy();
    forger?.destroy();
    await store?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('listens on loopback only', () => {
    expect(new URL(endpoint).hostname).toBe('127.0.0.1');
  });

  it('accepts a valid presigned PUT and signed reads', async () => {
    const response = await put(await presignedPut());
    expect(response.status).toBe(200);
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(Buffer.from(await object.Body!.transformToByteArray())).toEqual(body);
    const getUrl = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect((await fetch(getUrl)).status).toBe(200);
  });

  it('serves a presigned GET in ranges, with the response headers it was signed with', async () => {
    const getUrl = await getSignedUrl(
      client,
      new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        ResponseContentType: 'audio/x-test',
        ResponseContentDisposition: 'inline; filename="take 2.wav"',
      }),
    );
    const ranged = await fetch(getUrl, { headers: { Range: 'bytes=4-7' } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(body.subarray(4, 8));
    expect(ranged.headers.get('content-range')).toBe(`bytes 4-7/${body.length}`);
    expect(ranged.headers.get('content-type')).toBe('audio/x-test');
    expect(ranged.headers.get('content-disposition')).toBe('inline; filename="take 2.wav"');
    // The overrides are part of what is signed.
    const retyped = new URL(getUrl);
    retyped.searchParams.set('response-content-type', 'text/html');
    expect((await fetch(retyped)).status).toBe(403);
  });

  it('accepts header-signed writes, copies and HEADs from the SDK', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'sdk/put', Body: body }));
    await client.send(
      new CopyObjectCommand({ Bucket: bucket, Key: 'sdk/copy', CopySource: `${bucket}/sdk/put` }),
    );
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'sdk/copy' }));
    expect(head.ContentLength).toBe(body.length);
  });

  it('refuses an expired presigned URL', async () => {
    const url = await presignedPut({
      signingDate: new Date(Date.now() - 20 * 60_000),
      expiresIn: 60,
    });
    const response = await put(url);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Request has expired');
  });

  it('refuses tampered presigned URLs', async () => {
    const url = new URL(await presignedPut());
    const retargeted = new URL(url);
    retargeted.pathname = `/${bucket}/audio/other-team/project/upload`;
    expect((await put(retargeted.toString())).status).toBe(403);

    const longer = new URL(url);
    longer.searchParams.set('X-Amz-Expires', '604800');
    expect((await put(longer.toString())).status).toBe(403);

    const forged = new URL(url);
    const signature = forged.searchParams.get('X-Amz-Signature')!;
    forged.searchParams.set(
      'X-Amz-Signature',
      `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`,
    );
    const response = await put(forged.toString());
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('SignatureDoesNotMatch');

    // The signed length binds the body too.
    expect((await put(url.toString(), Buffer.concat([body, body]))).status).toBe(403);
  });

  it('refuses unsigned requests: GET, PUT and listing', async () => {
    expect((await fetch(`${endpoint}/${bucket}/${key}`)).status).toBe(403);
    const unsignedPut = await fetch(`${endpoint}/${bucket}/${key}`, {
      method: 'PUT',
      body: 'ELF',
    });
    expect(unsignedPut.status).toBe(403);
    expect((await fetch(`${endpoint}/${bucket}`)).status).toBe(403);
    expect((await fetch(`${endpoint}/${bucket}?list-type=2`)).status).toBe(403);
    expect((await fetch(`${endpoint}/`)).status).toBe(403);
    // Nothing above changed the object.
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(Buffer.from(await object.Body!.transformToByteArray())).toEqual(body);
  });

  it('refuses requests signed with another secret, and listing even when signed', async () => {
    const forged = await forger
      .send(new GetObjectCommand({ Bucket: bucket, Key: key }))
      .catch((error: unknown) => error);
    expect(await statusOf(forged)).toBe(403);
    const forgedUrl = await getSignedUrl(
      forger,
      new GetObjectCommand({ Bucket: bucket, Key: key }),
    );
    expect((await fetch(forgedUrl)).status).toBe(403);
    const listUrl = new URL(
      await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key })),
    );
    listUrl.pathname = `/${bucket}`;
    expect((await fetch(listUrl)).status).toBe(403);
  });
});

import { createPrismaClient } from '@mixscope/db';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { retryWhileUnavailable, unavailableDependency } from './infrastructure-outage.ts';

/** A loopback port nothing listens on. */
const CLOSED = 'http://127.0.0.1:9';

describe('unavailableDependency', () => {
  it('names the database when Prisma cannot reach Postgres, for model and raw queries', async () => {
    const db = createPrismaClient({ databaseUrl: 'postgresql://postgres@127.0.0.1:9/none' });
    try {
      const model = await db.analysis
        .findUnique({ where: { id: '3f2a6c1e-9b7d-4e2f-8a1c-5d6e7f8a9b0c' } })
        .catch((e: unknown) => e);
      const raw = await db.$executeRaw`SELECT 1`.catch((e: unknown) => e);
      expect(unavailableDependency(model)).toBe('database');
      expect(unavailableDependency(raw)).toBe('database');
    } finally {
      await db.$disconnect();
    }
  });

  it('names storage when S3 does not answer or answers 5xx, not when the object is missing', async () => {
    const s3 = new S3Client({
      endpoint: CLOSED,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      maxAttempts: 1,
    });
    const refused = await s3
      .send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }))
      .catch((e: unknown) => e);
    s3.destroy();
    expect(unavailableDependency(refused)).toBe('storage');
    const http = (status: number, name: string) =>
      Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
    expect(unavailableDependency(http(503, 'SlowDown'))).toBe('storage');
    expect(unavailableDependency(http(404, 'NoSuchKey'))).toBeNull();
    expect(unavailableDependency(http(403, 'AccessDenied'))).toBeNull();
  });

  it('names the queue for Redis that is away, and nothing for the work’s own errors', () => {
    expect(unavailableDependency(new Error('Connection is closed.'))).toBe('queue');
    expect(unavailableDependency(new Error('not an audio file ffmpeg can decode'))).toBeNull();
    expect(unavailableDependency(Object.assign(new Error('fk'), { code: 'P2003' }))).toBeNull();
    expect(unavailableDependency(new Error('outer', { cause: { code: 'ECONNRESET' } }))).toBe(
      'storage',
    );
  });
});

describe('retryWhileUnavailable', () => {
  it('waits out an outage, telling once, and gives up at once on any other error', async () => {
    let calls = 0;
    const waits: string[] = [];
    const stored = await retryWhileUnavailable(
      async () => {
        if (++calls < 4) throw Object.assign(new Error('down'), { code: 'ECONNREFUSED' });
        return 'stored';
      },
      { delayMs: 1, onWait: (dependency) => waits.push(dependency) },
    );
    expect([stored, calls, waits]).toEqual(['stored', 4, ['storage']]);
    await expect(
      retryWhileUnavailable(
        async () => {
          throw new Error('bad document');
        },
        { delayMs: 1 },
      ),
    ).rejects.toThrow('bad document');
  });
});

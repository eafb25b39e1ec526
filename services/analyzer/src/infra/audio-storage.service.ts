import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ANALYZER_CONFIG, type AnalyzerConfig } from '../config/analyzer-config.ts';

/** Thrown when the object a job points at is not in the bucket (deleted, or never uploaded). */
export class ObjectMissingError extends Error {
  constructor(key: string) {
    super(`object ${key} is not in storage`);
    this.name = 'ObjectMissingError';
  }
}

/** Streams audio objects from S3 to local files; nothing is held in memory. */
@Injectable()
export class AudioStorageService implements OnApplicationShutdown {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(@Inject(ANALYZER_CONFIG) config: AnalyzerConfig) {
    const s3 = config.s3;
    this.client = new S3Client({
      endpoint: s3.endpoint,
      region: s3.region,
      forcePathStyle: s3.forcePathStyle,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    this.bucket = s3.bucket;
  }

  async download(key: string, path: string, signal?: AbortSignal): Promise<void> {
    let body: unknown;
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
        {
          abortSignal: signal,
        },
      );
      body = object.Body;
    } catch (error) {
      const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404)
        throw new ObjectMissingError(key);
      throw error;
    }
    if (!(body instanceof Readable)) throw new Error(`S3 returned no stream for ${key}`);
    await pipeline(body, createWriteStream(path), { signal });
  }

  onApplicationShutdown(): void {
    this.client.destroy();
  }
}

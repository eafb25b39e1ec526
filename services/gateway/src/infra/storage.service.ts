import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { S3Settings } from '@mixscope/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';

/** Sealed copies live under this prefix, which no presigned URL is ever made for. */
export const SEALED_PREFIX = 'sealed/';

export interface PresignedPut {
  url: string;
  headers: Record<string, string>;
}

function s3Client(settings: S3Settings, endpoint = settings.endpoint): S3Client {
  return new S3Client({
    endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    maxAttempts: 2,
    // Otherwise presigned PUTs carry the checksum of an empty body, and S3-compatible stores may
    // not return checksums at all.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** The gateway's only contact with audio: presigned PUTs and GETs, HEAD, the first bytes, and deletes. */
@Injectable()
export class StorageService implements OnApplicationShutdown {
  private readonly logger = new Logger(StorageService.name);
  private readonly client: S3Client;
  private readonly presigner: S3Client;
  private readonly bucket: string;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.client = s3Client(config.s3);
    this.presigner = config.uploads.publicEndpoint
      ? s3Client(config.s3, config.uploads.publicEndpoint)
      : this.client;
    this.bucket = config.s3.bucket;
  }

  /** Creates the bucket when it is missing (local stacks); logs instead of failing when it cannot. */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch {
      try {
        await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
        this.logger.log(`created bucket ${this.bucket}`);
      } catch (error) {
        this.logger.warn(`bucket ${this.bucket} is not reachable: ${(error as Error).message}`);
      }
    }
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  /** A PUT URL bound to this key, content type and length. */
  async presignPut(
    key: string,
    contentType: string,
    sizeBytes: number,
    ttlSec: number,
  ): Promise<PresignedPut> {
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ContentType: contentType,
      ContentLength: sizeBytes,
    });
    const url = await getSignedUrl(this.presigner, command, {
      expiresIn: ttlSec,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    return { url, headers: { 'Content-Type': contentType } };
  }

  /**
   * A GET URL of the object for a browser to play: Range requests work on it like on any S3 GET,
   * and the response carries the given content type and disposition.
   */
  async presignGet(
    key: string,
    ttlSec: number,
    response: { contentType: string; contentDisposition: string },
  ): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentType: response.contentType,
      ResponseContentDisposition: response.contentDisposition,
    });
    return getSignedUrl(this.presigner, command, { expiresIn: ttlSec });
  }

  /** Size of the stored object, or null when there is none. */
  async sizeOf(key: string): Promise<number | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async firstBytes(key: string, count: number): Promise<Uint8Array> {
    const object = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${count - 1}` }),
    );
    const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
    // A server that ignores Range sends everything; only the head matters.
    return bytes.subarray(0, count);
  }

  /**
   * A server-side copy of `key` under `sealed/`, a prefix no presigned URL is ever made for: what
   * the copy holds cannot be replaced by a PUT with a still-valid upload URL.
   */
  async seal(key: string): Promise<string> {
    const sealedKey = `${SEALED_PREFIX}${key}`;
    await this.client.send(
      new CopyObjectCommand({
        Bucket: this.bucket,
        Key: sealedKey,
        CopySource: `${this.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
      }),
    );
    return sealedKey;
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  onApplicationShutdown(): void {
    this.client.destroy();
    if (this.presigner !== this.client) this.presigner.destroy();
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

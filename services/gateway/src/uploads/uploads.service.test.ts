import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { AUDIO_FORMATS, uploadLimitsSchema } from '@mixscope/contracts';
import { runFfmpeg } from '@mixscope/measure/testing';
import type { Database } from '@mixscope/service-kit';
import { PayloadTooLargeException, UnprocessableEntityException } from '@nestjs/common';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuthContext } from '../auth/auth-context.ts';
import { loadGatewayConfig } from '../config/gateway-config.ts';
import type { StorageService } from '../infra/storage.service.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { TeamAccessService } from '../teams/team-access.service.ts';
import type { RateLimitPeek } from '../throttling/rate-limit-peek.ts';
import { UploadsService } from './uploads.service.ts';

const SECRET = 'x'.repeat(32);
const auth = { userId: 'u1', teamIds: ['t1'] } as AuthContext;

/** A caller who is a member of team t1, so the role allows uploading. */
const memberAccess = {
  scope: () => ({ teamId: { in: ['t1'] } }),
  requireAction: async () => 'member',
} as unknown as TeamAccessService;

/** The service with a project that exists and nothing behind it that a refused upload may reach. */
function uploadsWith(env: Record<string, string> = {}) {
  const config = loadGatewayConfig({ JWT_SECRET: SECRET, ...env });
  const projects = {
    require: async () => ({ id: 'p1', teamId: 't1' }),
  } as unknown as ProjectsService;
  const unreachable = new Proxy(
    {},
    {
      get: (_target, name) => {
        throw new Error(`a refused upload reached ${String(name)}`);
      },
    },
  );
  return new UploadsService(
    unreachable as Database,
    config,
    unreachable as StorageService,
    projects,
    memberAccess,
    { assertRoom: async () => undefined } as unknown as RateLimitPeek,
  );
}

describe('UploadsService limits', () => {
  it('serves the size limit from the environment and the accepted-format table', () => {
    const limits = uploadsWith({ UPLOAD_MAX_BYTES: String(50 * 1024 * 1024) }).limits();
    expect(uploadLimitsSchema.parse(limits)).toEqual(limits);
    expect(limits.maxUploadBytes).toBe(50 * 1024 * 1024);
    expect(limits.acceptedFormats.map((format) => format.container)).toEqual(
      AUDIO_FORMATS.map((format) => format.container),
    );
  });

  it('refuses a declared size over the limit, naming the default limit exactly', async () => {
    const uploads = uploadsWith();
    const tooLarge = uploads.presign(auth, 'p1', {
      fileName: 'mix.wav',
      sizeBytes: uploads.limits().maxUploadBytes + 1,
      contentType: 'audio/wav',
    });
    await expect(tooLarge).rejects.toBeInstanceOf(PayloadTooLargeException);
    await expect(tooLarge).rejects.toThrow('Files can be at most 120 MB');
  });

  it('refuses a content type outside the table', async () => {
    const notAudio = uploadsWith().presign(auth, 'p1', {
      fileName: 'mix.mp4',
      sizeBytes: 1000,
      contentType: 'video/mp4',
    });
    await expect(notAudio).rejects.toBeInstanceOf(UnprocessableEntityException);
    await expect(notAudio).rejects.toThrow('video/mp4 is not an audio type');
  });
});

const dir = mkdtempSync(join(tmpdir(), 'mixscope-uploads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real file that ffmpeg writes in the given format. */
function encoded(name: string, args: string[]): Buffer {
  const path = join(dir, name);
  runFfmpeg(['-f', 'lavfi', '-i', 'sine=f=440:d=0.5', ...args, path]);
  return readFileSync(path);
}

/** The service with one pending upload whose object in storage holds `bytes`. */
function completing(bytes: Uint8Array) {
  const upload = {
    id: 'up1',
    teamId: 't1',
    projectId: 'p1',
    fileName: 'file',
    contentType: 'audio/wav',
    declaredSizeBytes: bytes.length,
    sizeBytes: null as number | null,
    objectKey: 'audio/t1/p1/up1',
    status: 'pending',
    container: null as string | null,
    rejectionReason: null as string | null,
    expiresAt: new Date(Date.now() + 60_000),
    createdAt: new Date(),
    completedAt: null as Date | null,
  };
  const db = {
    upload: {
      findFirst: async () => upload,
      update: async ({ data }: { data: Partial<typeof upload> }) => Object.assign(upload, data),
    },
  } as unknown as Database;
  const storage = {
    sizeOf: async () => bytes.length,
    seal: async (key: string) => `sealed/${key}`,
    firstBytes: async (_key: string, count: number) => bytes.subarray(0, count),
    delete: async () => undefined,
  } as unknown as StorageService;
  const service = new UploadsService(
    db,
    loadGatewayConfig({ JWT_SECRET: SECRET }),
    storage,
    {} as ProjectsService,
    memberAccess,
    {} as RateLimitPeek,
  );
  return { complete: () => service.complete(auth, upload.id), upload };
}

describe('UploadsService.complete', () => {
  it.each([
    ['a.wav', [], 'wav'],
    ['a.rf64.wav', ['-rf64', 'always'], 'wav'],
    ['a.flac', [], 'flac'],
    ['a.ogg', ['-c:a', 'libvorbis'], 'ogg'],
    ['a.opus', ['-c:a', 'libopus'], 'ogg'],
    ['a.mp3', [], 'mp3'],
    ['b.mp3', ['-id3v2_version', '0', '-write_xing', '0'], 'mp3'],
    ['a.m4a', ['-c:a', 'aac'], 'mp4'],
    ['a.aac', ['-c:a', 'aac', '-f', 'adts'], 'aac'],
    ['a.aiff', [], 'aiff'],
    ['a.mka', [], 'matroska'],
    ['a.caf', [], 'caf'],
    ['a.wv', [], 'wavpack'],
    ['a.au', [], 'au'],
  ] as const)(
    'takes %s as ffmpeg writes it and records it as %s',
    async (name, args, container) => {
      const { complete, upload } = completing(encoded(name, [...args]));
      const { upload: dto } = await complete();
      expect(dto.status).toBe('ready');
      expect(dto.container).toBe(container);
      expect(upload.sizeBytes).toBe(upload.declaredSizeBytes);
    },
  );

  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj')],
    ['gzip', Buffer.concat([Buffer.from([0x1f, 0x8b]), deflateSync(Buffer.alloc(100))])],
    ['text', Buffer.from('title,artist\nSong,Band\n')],
  ])('rejects a %s file with a clear reason and remembers why', async (_name, bytes) => {
    const { complete, upload } = completing(bytes);
    await expect(complete()).rejects.toThrow(
      new UnprocessableEntityException('The file is not in a known audio format'),
    );
    expect(upload.status).toBe('rejected');
    expect(upload.rejectionReason).toBe('The file is not in a known audio format');
  });
});

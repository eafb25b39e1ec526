import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AnalysisDto, ApiTokenResponse, MeResponse } from '@mixscope/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, putToStorage, type Account } from '../support/api.ts';
import { jwtClaims, signJwt } from '../support/jwt.ts';
import { SocketRecorder } from '../support/socket.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { testWav } from '../support/wav.ts';

const MB = 1024 * 1024;
const execFileAsync = promisify(execFile);

// Every bad input gets a clear 4xx or a failed analysis with a reason, and nothing crashes.
describe('bad input', () => {
  let stack: TestStack;
  let api: ApiClient;
  let user: Account;
  let projectId: string;
  let s3: S3Client;
  const wav = testWav({ seconds: 3 });

  const objectExists = async (uploadId: string) => {
    const [row] = await stack.query<{ object_key: string }>(
      'SELECT object_key FROM uploads WHERE id = $1',
      [uploadId],
    );
    return s3.send(new HeadObjectCommand({ Bucket: stack.bucket, Key: row.object_key })).then(
      () => true,
      () => false,
    );
  };

  beforeAll(async () => {
    stack = await startTestStack({ analyzers: 1 });
    api = new ApiClient(stack.api, stack);
    user = await api.signup('Eve');
    projectId = (await api.createProject(user)).id;
    s3 = stack.s3Client();
  });

  afterAll(async () => {
    s3?.destroy();
    await stack?.stop();
  });

  it('refuses a declared size over 120 MB with 413 and a non-audio type with 422', async () => {
    const tooBig = await api.post(
      `/projects/${projectId}/uploads`,
      { fileName: 'huge.wav', sizeBytes: 120 * MB + 1, contentType: 'audio/wav' },
      user.token,
    );
    expect(tooBig.status).toBe(413);
    expect(JSON.stringify(tooBig.body)).toMatch(/120 MB/);
    const justRight = await api.post(
      `/projects/${projectId}/uploads`,
      { fileName: 'big.wav', sizeBytes: 120 * MB, contentType: 'audio/wav' },
      user.token,
    );
    expect(justRight.status).toBe(201);
    const notAudio = await api.post(
      `/projects/${projectId}/uploads`,
      { fileName: 'notes.pdf', sizeBytes: 1000, contentType: 'application/pdf' },
      user.token,
    );
    expect(notAudio.status).toBe(422);
  });

  it('rejects an object larger than declared and deletes it', async () => {
    const presigned = await api.presign(user, projectId, 'short.wav', wav.length - 1000);
    const put = await putToStorage(presigned, wav);
    if (put === 200) {
      const done = await api.post(`/uploads/${presigned.uploadId}/complete`, {}, user.token);
      expect(done.status).toBe(422);
      expect(JSON.stringify(done.body)).toMatch(/declared/);
      expect(await objectExists(presigned.uploadId)).toBe(false);
    } else {
      // A store that enforces the signed Content-Length refuses the PUT itself.
      expect(put).toBeGreaterThanOrEqual(400);
    }
    // The upload cannot be analysed either way.
    const analysis = await api.post(
      `/projects/${projectId}/analyses`,
      { uploadId: presigned.uploadId },
      user.token,
    );
    expect([409, 422]).toContain(analysis.status);
  });

  it('rejects non-audio bytes sent as audio/wav and deletes them', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 7)]);
    const presigned = await api.presign(user, projectId, 'sneaky.wav', pdf.length);
    expect(await putToStorage(presigned, pdf)).toBe(200);
    const done = await api.post(`/uploads/${presigned.uploadId}/complete`, {}, user.token);
    expect(done.status).toBe(422);
    expect(JSON.stringify(done.body)).toMatch(/not in a known audio format/);
    expect(await objectExists(presigned.uploadId)).toBe(false);
  });

  it('answers 409 when completing before anything was uploaded', async () => {
    const presigned = await api.presign(user, projectId, 'later.wav', wav.length);
    expect((await api.post(`/uploads/${presigned.uploadId}/complete`, {}, user.token)).status).toBe(
      409,
    );
  });

  it('fails an analysis of undecodable audio with a reason a person can read', async () => {
    // A RIFF/WAVE signature in front of bytes that are not audio: it passes the container check.
    const broken = Buffer.concat([
      Buffer.from('RIFF'),
      Buffer.alloc(4),
      Buffer.from('WAVEjunk'),
      Buffer.alloc(4000, 0x5a),
    ]);
    broken.writeUInt32LE(broken.length - 8, 4);
    const upload = await api.upload(user, projectId, 'broken.wav', broken);
    const socket = await SocketRecorder.connect(stack.baseUrl, { token: user.token });
    try {
      const analysisId = await api.createAnalysis(user, projectId, { uploadId: upload.id });
      const failed = await socket.waitFor(analysisId, 'analysis.failed');
      const res = await api.get<AnalysisDto>(`/analyses/${analysisId}`, user.token);
      expect(res.body.status).toBe('failed');
      expect(res.body.error).toBe(failed.payload.error);
      expect(res.body.error).toMatch(/^[A-Z].{10,200}$/);
      expect(res.body.error).not.toMatch(/ at |\.ts:|\.mjs:|Error:/);
      expect(res.body.result).toBeUndefined();
    } finally {
      socket.close();
    }
  });

  it('fails a high-rate multichannel bomb from its probe, once, without a retry', async () => {
    // The hostile file of the threat model, shortened: 384 kHz 7.1 FLAC, a few KB on the wire.
    const dir = await mkdtemp(join(tmpdir(), 'mixscope-bomb-'));
    const path = join(dir, 'bomb.flac');
    try {
      await execFileAsync('ffmpeg', [
        ...['-v', 'error', '-f', 'lavfi', '-i', 'anullsrc=r=384000:cl=7.1', '-t', '20'],
        ...['-c:a', 'flac', '-frame_size', '65535', path],
      ]);
      const bytes = await readFile(path);
      expect(bytes.length).toBeLessThan(200_000);
      const upload = await api.upload(user, projectId, 'bomb.flac', bytes, {
        contentType: 'audio/flac',
      });
      const analysisId = await api.createAnalysis(user, projectId, { uploadId: upload.id });
      const done = await api.waitForAnalysis(user, analysisId, ['completed', 'failed']);
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/384 kHz is above the limit of 192 kHz/);
      const started = stack.analyzers[0].lines.filter((l) =>
        l.includes(`started ${analysisId}.mix`),
      );
      expect(started).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('answers 401 to missing, expired, forged, garbage and revoked credentials', async () => {
    const session = jwtClaims(user.token);
    const now = Math.floor(Date.now() / 1000);
    const expired = signJwt({ ...session, iat: now - 7200, exp: now - 3600 }, stack.jwtSecret);
    const forged = signJwt({ ...session, exp: now + 3600 }, 'not-the-secret-not-the-secret-123');
    const otherUser = signJwt(
      { ...session, sub: '00000000-0000-4000-8000-000000000000' },
      stack.jwtSecret,
    );
    for (const token of [undefined, expired, forged, otherUser, 'garbage', 'msk_notarealtoken']) {
      const res = await api.get('/me', token);
      expect(res.status, String(token)).toBe(401);
    }
    expect(
      (await api.request('GET', '/me', { headers: { authorization: 'Basic abc' } })).status,
    ).toBe(401);

    const login = await api.post<{ accessToken: string }>('/auth/login', {
      email: user.email,
      password: 'correct horse battery',
    });
    expect(login.status).toBe(200);
    expect(
      (await api.post('/auth/login', { email: user.email, password: 'wrong password!' })).status,
    ).toBe(401);
    expect((await api.get<MeResponse>('/me', login.body.accessToken)).status).toBe(200);
    await api.request('POST', '/auth/logout', { token: login.body.accessToken });
    expect((await api.get('/me', login.body.accessToken)).status).toBe(401);

    const apiToken = await api.post<ApiTokenResponse>('/tokens', { name: 'cli' }, user.token);
    expect(apiToken.status).toBe(201);
    expect(apiToken.body.token).toMatch(/^msk_/);
    expect((await api.get('/me', apiToken.body.token)).status).toBe(200);
    const [stored] = await stack.query<{ token_hash: string }>(
      'SELECT token_hash FROM api_tokens WHERE id = $1',
      [apiToken.body.id],
    );
    expect(stored.token_hash).not.toContain(apiToken.body.token.slice(4));
    expect((await api.delete(`/tokens/${apiToken.body.id}`, user.token)).status).toBe(204);
    expect((await api.get('/me', apiToken.body.token)).status).toBe(401);

    await expect(SocketRecorder.connect(stack.baseUrl, undefined)).rejects.toThrow(/unauthorized/);
    await expect(SocketRecorder.connect(stack.baseUrl, { token: expired })).rejects.toThrow(
      /unauthorized/,
    );
    await expect(SocketRecorder.connect(stack.baseUrl, { token: forged })).rejects.toThrow(
      /unauthorized/,
    );
  });

  it('accepts the session cookie from a browser login', async () => {
    const login = await fetch(`${stack.api}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: 'correct horse battery' }),
    });
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/mixscope_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = cookie.split(';')[0];
    const me = await api.request('GET', '/me', { headers: { cookie: session } });
    expect(me.status).toBe(200);
    const socket = await SocketRecorder.connect(stack.baseUrl, undefined, { cookie: session });
    socket.close();
  });

  it('rejects unknown and malformed fields with 400', async () => {
    const cases: [string, unknown][] = [
      [`/teams/${user.teamId}/projects`, { name: 'ok', color: 'red' }],
      [`/teams/${user.teamId}/projects`, {}],
      [
        `/projects/${projectId}/uploads`,
        { fileName: 'a.wav', sizeBytes: 10, contentType: 'audio/wav', acl: 'public' },
      ],
      [
        `/projects/${projectId}/uploads`,
        { fileName: 'a.wav', sizeBytes: 'ten', contentType: 'audio/wav' },
      ],
      [`/projects/${projectId}/analyses`, { uploadId: 'not-a-uuid' }],
      [
        `/projects/${projectId}/analyses`,
        { uploadId: '00000000-0000-4000-8000-000000000000', priority: 1 },
      ],
      ['/tokens', { name: 'x', scope: 'admin' }],
    ];
    for (const [path, body] of cases) {
      const res = await api.post<{ message: string[] }>(path, body, user.token);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(Array.isArray(res.body.message)).toBe(true);
    }
    const signup = await api.post('/auth/signup', {
      email: 'x@y.test',
      password: 'long enough password',
      name: 'X',
      teamName: 'Y',
      isAdmin: true,
    });
    expect(signup.status).toBe(400);
    expect(JSON.stringify(signup.body)).toMatch(/isAdmin should not exist/);
    expect((await api.get('/analyses/not-a-uuid', user.token)).status).toBe(404);
  });

  it('is still up and serving after all of that', async () => {
    expect((await api.get('/health')).status).toBe(200);
    expect((await api.get('/ready')).status).toBe(200);
    expect(stack.gateway.child.exitCode).toBeNull();
    expect(stack.analyzers.every((a) => a.child.exitCode === null)).toBe(true);
  });
});

import type {
  AudioUrlResponse,
  ShareCreatedResponse,
  ShareDto,
  SharedAnalysisDto,
} from '@mixscope/contracts';
import {
  AUDIO_URL_TTL_SEC,
  audioUrlResponseSchema,
  SHARE_MAX_HOURS,
  shareCreatedResponseSchema,
  shareDtoSchema,
  sharedAnalysisDtoSchema,
} from '@mixscope/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/local-stack.ts';
import { ApiClient, type Account } from '../support/api.ts';
import { SocketRecorder } from '../support/socket.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { testWav } from '../support/wav.ts';

const NO_SUCH_LINK = 'This link does not exist, has expired or was revoked';
const SHARED_PER_MINUTE = 30;

// Client links: made by the team, read by anyone holding the token, and good for nothing else.
describe('share links', () => {
  let stack: TestStack;
  let api: ApiClient;
  let owner: Account;
  let member: Account;
  let viewer: Account;
  let outsider: Account;
  let projectId: string;
  let analysisId: string;
  let otherAnalysisId: string;
  let mixUploadId: string;

  beforeAll(async () => {
    stack = await startTestStack({
      analyzers: 1,
      gatewayEnv: {
        RATE_LIMIT_SHARED_PER_MINUTE: String(SHARED_PER_MINUTE),
        // Client addresses come from X-Forwarded-For, so the rate-limit case has its own.
        TRUST_PROXY: '1',
        AUDIO_RETENTION_DAYS: '2',
        RETENTION_SWEEP_INTERVAL_MS: '300',
      },
    });
    // Without a Groq key it writes the rules report, which the shared view carries.
    await stack.startLlmWorker();
    api = new ApiClient(stack.api, stack);
    [owner, member, viewer, outsider] = [
      await api.signup('Owner'),
      await api.signup('Member'),
      await api.signup('Viewer'),
      await api.signup('Outsider'),
    ];
    await api.joinTeam(owner, member, 'member');
    await api.joinTeam(owner, viewer, 'viewer');
    projectId = (await api.createProject(owner, 'Client EP')).id;
    const wav = testWav({ seconds: 3 });
    mixUploadId = (await api.upload(owner, projectId, 'mix.wav', wav)).id;
    const reference = (await api.upload(owner, projectId, 'ref.wav', testWav({ seconds: 2 }))).id;
    analysisId = await api.createAnalysis(owner, projectId, {
      uploadId: mixUploadId,
      referenceUploadId: reference,
      title: 'Single, master 2',
    });
    otherAnalysisId = await api.createAnalysis(owner, projectId, { uploadId: reference });
    await api.waitForReport(owner, analysisId);
    await api.waitForAnalysis(owner, otherAnalysisId);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const share = async (
    account: Account,
    body: Record<string, unknown> = { expiresInHours: 48 },
  ) => {
    const res = await api.post<ShareCreatedResponse>(
      `/analyses/${analysisId}/shares`,
      body,
      account.token,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return shareCreatedResponseSchema.strict().parse(res.body);
  };
  const publicGet = <T>(path: string, address = '198.51.100.20') =>
    api.request<T>('GET', path, {
      headers: { 'x-forwarded-for': address, 'user-agent': 'ClientBrowser/1.0' },
    });

  it('opens the analysis without an account, and records every access', async () => {
    const before = Date.now();
    const created = await share(owner);
    expect(created.token).toMatch(/^mss_/);
    expect(created.url).toBe(`${stack.publicUrl}/shared/${created.token}`);
    const expires = new Date(created.expiresAt).getTime();
    expect(expires).toBeGreaterThanOrEqual(before + 48 * 3600_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 48 * 3600_000);

    const shared = await publicGet<SharedAnalysisDto>(`/shared/${created.token}`);
    expect(shared.status).toBe(200);
    // Exactly the published shape, no key more.
    sharedAnalysisDtoSchema.strict().parse(shared.body);
    expect(Object.keys(shared.body.analysis).sort()).toEqual(
      Object.keys(sharedAnalysisDtoSchema.shape.analysis.shape).sort(),
    );
    expect(shared.body.analysis).toMatchObject({
      id: analysisId,
      title: 'Single, master 2',
      status: 'completed',
      projectName: 'Client EP',
    });
    expect(shared.body.analysis.result?.loudness.integratedLufs).toEqual(expect.any(Number));
    expect(shared.body.analysis.result?.comparison).toBeDefined();
    expect(shared.body.analysis.report?.source).toBe('rules');
    expect(shared.body.expiresAt).toBe(created.expiresAt);
    // The overview level of both tracks, as the analyzer stored it.
    const { mix, reference: ref } = shared.body.waveform;
    expect(mix?.durationSec).toBeCloseTo(3, 1);
    expect(ref?.durationSec).toBeCloseTo(2, 1);
    expect(mix?.channels[0].min.length).toBe(mix?.channels[0].max.length);
    expect(mix?.channels[0].max.length).toBeGreaterThan(100);
    // Made without comments: the key is not even there. No team, project or upload ids travel.
    expect('comments' in shared.body).toBe(false);
    const text = JSON.stringify(shared.body);
    for (const id of [owner.teamId, projectId, mixUploadId, owner.userId, otherAnalysisId])
      expect(text).not.toContain(id);

    const audio = await publicGet<AudioUrlResponse>(`/shared/${created.token}/audio?track=mix`);
    expect(audio.status).toBe(200);
    audioUrlResponseSchema.strict().parse(audio.body);
    expect(new Date(audio.body.expiresAt).getTime()).toBeLessThanOrEqual(
      Date.now() + AUDIO_URL_TTL_SEC * 1000,
    );
    const head = await fetch(audio.body.url, { headers: { range: 'bytes=0-3' } });
    expect(head.status).toBe(206);
    expect(Buffer.from(await head.arrayBuffer()).toString('latin1')).toBe('RIFF');
    const reference = await publicGet<AudioUrlResponse>(
      `/shared/${created.token}/audio?track=reference`,
    );
    expect(reference.status).toBe(200);
    const badTrack = await publicGet(`/shared/${created.token}/audio?track=stems`);
    expect(badTrack.status).toBe(400);
    expect(JSON.stringify(badTrack.body)).toContain('track must be one of: mix, reference');

    const list = await api.get<ShareDto[]>(`/analyses/${analysisId}/shares`, member.token);
    expect(list.status).toBe(200);
    shareDtoSchema.strict().array().parse(list.body);
    const listed = list.body.find((s) => s.id === created.id);
    expect(listed).toMatchObject({
      createdBy: { id: owner.userId, name: 'Owner' },
      includeComments: false,
      revokedAt: null,
      accessCount: 3,
    });
    expect(listed?.lastAccessAt).not.toBeNull();
    expect(JSON.stringify(list.body)).not.toContain(created.token);
    const log = await stack.query<{ route: string; ip_hash: string; user_agent: string }>(
      'SELECT route, ip_hash, user_agent FROM share_accesses WHERE share_id = $1 ORDER BY at',
      [created.id],
    );
    expect(log.map((row) => row.route)).toEqual(['analysis', 'audio:mix', 'audio:reference']);
    expect(log.every((row) => row.user_agent === 'ClientBrowser/1.0')).toBe(true);
    expect(log[0].ip_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(log[0].ip_hash).not.toContain('198.51.100.20');
    // Only the token's digest is stored.
    const [row] = await stack.query<{ token_hash: string }>(
      'SELECT token_hash FROM shares WHERE id = $1',
      [created.id],
    );
    expect(row.token_hash).not.toContain(created.token.slice(4));
  });

  it("carries the team's comments, in time order, only when made with them", async () => {
    for (const [body, atSec] of [
      ['Snare too loud here', 2.5],
      ['Lovely intro', 0.5],
    ] as const) {
      const res = await api.post(`/analyses/${analysisId}/comments`, { body, atSec }, member.token);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const withComments = await share(owner, { expiresInHours: 2, includeComments: true });
    const without = await share(owner, { expiresInHours: 2, includeComments: false });
    const shown = await publicGet<SharedAnalysisDto>(`/shared/${withComments.token}`);
    expect(shown.status).toBe(200);
    expect(shown.body.comments?.map((c) => [c.body, c.atSec, c.author.name])).toEqual([
      ['Lovely intro', 0.5, 'Member'],
      ['Snare too loud here', 2.5, 'Member'],
    ]);
    const hidden = await publicGet<SharedAnalysisDto>(`/shared/${without.token}`);
    expect(hidden.status).toBe(200);
    expect('comments' in hidden.body).toBe(false);
    expect(JSON.stringify(hidden.body)).not.toContain('Snare too loud');
    const list = await api.get<ShareDto[]>(`/analyses/${analysisId}/shares`, owner.token);
    expect(list.body.find((s) => s.id === withComments.id)?.includeComments).toBe(true);
  });

  it('is no credential: the token opens no other route, no socket and no other analysis', async () => {
    const { token } = await share(member);
    const routes = [
      '/me',
      `/analyses/${analysisId}`,
      `/analyses/${otherAnalysisId}`,
      `/analyses/${analysisId}/shares`,
      `/projects/${projectId}`,
      `/projects/${projectId}/analyses`,
      `/teams/${owner.teamId}/projects`,
    ];
    for (const path of routes) {
      const asBearer = await api.get(path, token);
      expect(asBearer.status, `Bearer on ${path}`).toBe(401);
      const asCookie = await api.request('GET', path, {
        headers: { cookie: `mixscope_session=${token}` },
      });
      expect(asCookie.status, `cookie on ${path}`).toBe(401);
    }
    await expect(SocketRecorder.connect(stack.baseUrl, { token })).rejects.toThrow();
    // The share routes know only this analysis, whatever else is appended.
    expect((await publicGet(`/shared/${token}/projects`)).status).toBe(404);
    expect((await publicGet(`/shared/${token}/comments`)).status).toBe(404);
    expect(
      (await publicGet(`/shared/${token}/audio?track=mix&analysisId=${otherAnalysisId}`)).status,
    ).toBe(400);
  });

  it('answers an unknown, expired or revoked link with the same 404', async () => {
    const expired = await share(owner, { expiresInHours: 1 });
    await stack.query("UPDATE shares SET expires_at = now() - interval '1 second' WHERE id = $1", [
      expired.id,
    ]);
    const revoked = await share(owner);
    expect((await publicGet(`/shared/${revoked.token}`)).status).toBe(200);
    expect((await api.delete(`/shares/${revoked.id}`, owner.token)).status).toBe(204);
    // Revoking twice changes nothing.
    expect((await api.delete(`/shares/${revoked.id}`, owner.token)).status).toBe(204);

    const unknown = `mss_${'A'.repeat(43)}`;
    const tokens = [expired.token, revoked.token, unknown, 'not-a-token', `${revoked.token}x`];
    const bodies = new Set<string>();
    for (const token of tokens) {
      for (const path of [`/shared/${token}`, `/shared/${token}/audio?track=mix`]) {
        const res = await publicGet(path);
        expect(res.status, path).toBe(404);
        expect(res.body).toMatchObject({ message: NO_SUCH_LINK });
        bodies.add(JSON.stringify(res.body));
      }
    }
    // Nothing tells one case from another.
    expect(bodies.size).toBe(1);
    const list = await api.get<ShareDto[]>(`/analyses/${analysisId}/shares`, owner.token);
    expect(list.body.find((s) => s.id === revoked.id)?.revokedAt).not.toBeNull();
  });

  it("lets members share and revoke, refuses viewers, and answers 404 to another team's ids", async () => {
    const byMember = await share(member);
    expect((await api.delete(`/shares/${byMember.id}`, member.token)).status).toBe(204);
    const live = await share(owner);
    const attempts: [string, string, unknown?][] = [
      ['POST', `/analyses/${analysisId}/shares`, { expiresInHours: 1 }],
      ['GET', `/analyses/${analysisId}/shares`],
      ['DELETE', `/shares/${live.id}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await api.request(method, path, { token: outsider.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await publicGet(`/shared/${live.token}`)).status).toBe(200);
    // A viewer sees the links but may neither make nor revoke one.
    const byViewer = await api.post(
      `/analyses/${analysisId}/shares`,
      { expiresInHours: 1 },
      viewer.token,
    );
    expect(byViewer.status).toBe(403);
    expect(JSON.stringify(byViewer.body)).toContain('(viewer)');
    expect((await api.delete(`/shares/${live.id}`, viewer.token)).status).toBe(403);
    expect((await api.get(`/analyses/${analysisId}/shares`, viewer.token)).status).toBe(200);
    expect((await publicGet(`/shared/${live.token}`)).status).toBe(200);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await api.delete(`/shares/${missing}`, owner.token)).status).toBe(404);
    expect(
      (await api.post(`/analyses/${missing}/shares`, { expiresInHours: 1 }, owner.token)).status,
    ).toBe(404);
  });

  it('refuses bad share requests with a clear 400', async () => {
    const cases: [unknown, string][] = [
      [{}, `expiresInHours must be a whole number from 1 to ${SHARE_MAX_HOURS}`],
      [{ expiresInHours: 0 }, 'expiresInHours must be a whole number'],
      [{ expiresInHours: SHARE_MAX_HOURS + 1 }, 'expiresInHours must be a whole number'],
      [{ expiresInHours: 1.5 }, 'expiresInHours must be a whole number'],
      [{ expiresInHours: 2, includeComments: 'yes' }, 'includeComments must be true or false'],
      [{ expiresInHours: 2, analysisId: otherAnalysisId }, 'property analysisId should not exist'],
    ];
    for (const [body, message] of cases) {
      const res = await api.post(`/analyses/${analysisId}/shares`, body, owner.token);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.body)).toContain(message);
    }
  });

  it('answers 410 for audio the retention policy deleted, and still shows the analysis', async () => {
    const { token } = await share(owner);
    await stack.query("UPDATE uploads SET created_at = now() - interval '3 days' WHERE id = $1", [
      mixUploadId,
    ]);
    await waitFor(
      'the retention sweep to delete the mix',
      async () =>
        (
          await stack.query<{ status: string }>('SELECT status FROM uploads WHERE id = $1', [
            mixUploadId,
          ])
        )[0].status === 'deleted' || undefined,
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    const audio = await publicGet(`/shared/${token}/audio?track=mix`);
    expect(audio.status).toBe(410);
    expect(JSON.stringify(audio.body)).toContain('deleted by the audio retention policy');
    expect((await publicGet(`/shared/${token}`)).status).toBe(200);
  });

  it('rate-limits the public routes per client address', async () => {
    const { token } = await share(owner);
    const statuses: number[] = [];
    for (let i = 0; i < SHARED_PER_MINUTE + 2; i++) {
      const path = i % 2 ? `/shared/${token}` : `/shared/${token}/audio?track=reference`;
      const res = await publicGet(path, '203.0.113.50');
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, SHARED_PER_MINUTE).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(SHARED_PER_MINUTE)).toEqual([429, 429]);
    // Guessing tokens spends the same budget.
    const guess = await publicGet(`/shared/mss_${'B'.repeat(43)}`, '203.0.113.50');
    expect(guess.status).toBe(429);
    expect(JSON.stringify(guess.body)).toContain('Too many requests for shared links');
    expect((await publicGet(`/shared/${token}`, '203.0.113.51')).status).toBe(200);
  });
});

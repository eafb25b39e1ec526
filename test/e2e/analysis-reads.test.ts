import type { AnalysisDto, InviteResponse } from '@mixscope/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Account } from '../support/api.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { testWav } from '../support/wav.ts';

// GET /api/analyses/:id of an ended analysis is served from the gateway's copy, with an ETag. The
// copy and the remembered credentials must never let a caller read what they may not.
describe('reading an analysis: ETag, 304 and the kept copy', () => {
  let stack: TestStack;
  let api: ApiClient;
  let alice: Account;
  let bob: Account;
  let projectId: string;
  let uploadId: string;
  let analysisId: string;

  const read = (id: string, token: string | undefined, etag?: string) =>
    api.request<AnalysisDto>('GET', `/analyses/${id}`, {
      token,
      headers: etag ? { 'if-none-match': etag } : {},
    });

  beforeAll(async () => {
    stack = await startTestStack({ analyzers: 1 });
    api = new ApiClient(stack.api, stack);
    [alice, bob] = [await api.signup('Alice'), await api.signup('Bob')];
    projectId = (await api.createProject(alice)).id;
    uploadId = (await api.upload(alice, projectId, 'mix.wav', testWav({ seconds: 3 }))).id;
    analysisId = await api.createAnalysis(alice, projectId, { uploadId });
    await api.waitForAnalysis(alice, analysisId);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('answers 304 to a matching If-None-Match, and a new ETag once the report is written', async () => {
    const first = await read(analysisId, alice.token);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('completed');
    expect(first.body.reportStatus).toBe('pending');
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);

    const again = await read(analysisId, alice.token);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.body).toEqual(first.body);

    const unchanged = await read(analysisId, alice.token, etag!);
    expect(unchanged.status).toBe(304);
    expect(unchanged.body).toBeNull();
    expect((await read(analysisId, alice.token, '"something-else"')).status).toBe(200);
    // The tag proves nothing about the caller.
    expect((await read(analysisId, undefined, etag!)).status).toBe(401);

    await stack.startLlmWorker();
    const withReport = await api.waitForReport(alice, analysisId);
    expect(withReport.reportStatus).toBe('ready');
    const after = await read(analysisId, alice.token, etag!);
    expect(after.status).toBe(200);
    expect(after.body.report).toBeDefined();
    expect(after.headers.get('etag')).not.toBe(etag);
    expect((await read(analysisId, alice.token, after.headers.get('etag')!)).status).toBe(304);
  });

  it("never serves the kept copy or a 304 to another team's member", async () => {
    const mine = await read(analysisId, alice.token);
    expect(mine.status).toBe(200);
    const etag = mine.headers.get('etag')!;
    for (const tag of [undefined, etag]) {
      const res = await read(analysisId, bob.token, tag);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(projectId);
    }
  });

  it('follows membership at once: a member who joins reads it, one who leaves does not', async () => {
    const invite = await api.post<InviteResponse>(
      `/teams/${alice.teamId}/invites`,
      { email: bob.email },
      alice.token,
    );
    expect(invite.status).toBe(201);
    // Bob's credential was just confirmed (404 above); joining must not wait for it to age.
    expect((await read(analysisId, bob.token)).status).toBe(404);
    expect((await api.post(`/invites/${invite.body.token}/accept`, {}, bob.token)).status).toBe(
      200,
    );
    const joined = await read(analysisId, bob.token);
    expect(joined.status).toBe(200);
    const etag = joined.headers.get('etag')!;
    expect((await read(analysisId, bob.token, etag)).status).toBe(304);

    const removed = await api.request('DELETE', `/teams/${alice.teamId}/members/${bob.userId}`, {
      token: alice.token,
    });
    expect(removed.status).toBe(204);
    expect((await read(analysisId, bob.token)).status).toBe(404);
    expect((await read(analysisId, bob.token, etag)).status).toBe(404);
  });

  it('refuses a logged-out session at once, however recently it read', async () => {
    const login = await api.post<{ accessToken: string }>('/auth/login', {
      email: alice.email,
      password: 'correct horse battery',
    });
    expect(login.status).toBe(200);
    const session = login.body.accessToken;
    expect((await read(analysisId, session)).status).toBe(200);
    expect((await api.request('POST', '/auth/logout', { token: session })).status).toBe(204);
    expect((await read(analysisId, session)).status).toBe(401);
    expect((await read(analysisId, alice.token)).status).toBe(200);
  });

  it('answers 404 at once after a delete, with or without the old ETag', async () => {
    const doomed = await api.createAnalysis(alice, projectId, { uploadId });
    // Once its report is written the document no longer changes, so its tag holds between reads.
    if (stack.llmWorkers.length === 0) await stack.startLlmWorker();
    await api.waitForReport(alice, doomed);
    const before = await read(doomed, alice.token);
    expect(before.status).toBe(200);
    const etag = before.headers.get('etag')!;
    expect((await read(doomed, alice.token, etag)).status).toBe(304);
    expect((await api.delete(`/analyses/${doomed}`, alice.token)).status).toBe(204);
    expect((await read(doomed, alice.token)).status).toBe(404);
    expect((await read(doomed, alice.token, etag)).status).toBe(404);
  });

  it('sends a running analysis without an ETag of the kept copy, so its progress is never stale', async () => {
    const running = await api.createAnalysis(alice, projectId, { uploadId });
    const states = new Set<string>();
    const deadline = Date.now() + 60_000;
    let last: AnalysisDto | undefined;
    while (Date.now() < deadline) {
      const res = await read(running, alice.token);
      expect(res.status).toBe(200);
      last = res.body;
      states.add(res.body.status);
      if (res.body.status === 'completed' || res.body.status === 'failed') break;
      // A weak tag, Express's own from the body, at most; never the strong tag of a kept copy.
      expect(res.headers.get('etag') ?? 'W/').toMatch(/^W\//);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(last?.status).toBe('completed');
    expect(last?.percent).toBe(100);
    expect(states.has('completed')).toBe(true);
  });
});

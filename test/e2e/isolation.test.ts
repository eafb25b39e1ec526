import type { AnalysisDto, MeResponse, ProjectDto } from '@mixscope/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Account } from '../support/api.ts';
import { SocketRecorder } from '../support/socket.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { testWav } from '../support/wav.ts';

// A member of one team can never read, list, subscribe to or delete another team's things.
describe('team isolation', () => {
  let stack: TestStack;
  let api: ApiClient;
  let alice: Account;
  let bob: Account;
  const a: { projectId: string; uploadId: string; pendingUploadId: string; analysisId: string } = {
    projectId: '',
    uploadId: '',
    pendingUploadId: '',
    analysisId: '',
  };
  let bobProjectId: string;
  const wav = testWav({ seconds: 4 });

  beforeAll(async () => {
    stack = await startTestStack({ analyzers: 1 });
    api = new ApiClient(stack.api, stack);
    [alice, bob] = [await api.signup('Alice'), await api.signup('Bob')];
    a.projectId = (await api.createProject(alice, 'Alice EP')).id;
    a.uploadId = (await api.upload(alice, a.projectId, 'a.wav', wav)).id;
    a.pendingUploadId = (await api.presign(alice, a.projectId, 'pending.wav', wav.length)).uploadId;
    a.analysisId = await api.createAnalysis(alice, a.projectId, { uploadId: a.uploadId });
    await api.waitForAnalysis(alice, a.analysisId);
    bobProjectId = (await api.createProject(bob, 'Bob LP')).id;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("answers 404 to every endpoint given another team's ids", async () => {
    const attempts: [string, string, unknown?][] = [
      ['GET', `/teams/${alice.teamId}/projects`],
      ['POST', `/teams/${alice.teamId}/projects`, { name: 'sneaky' }],
      ['POST', `/teams/${alice.teamId}/invites`, { email: bob.email }],
      ['GET', `/projects/${a.projectId}`],
      [
        'POST',
        `/projects/${a.projectId}/uploads`,
        { fileName: 'x.wav', sizeBytes: 100, contentType: 'audio/wav' },
      ],
      ['POST', `/uploads/${a.pendingUploadId}/complete`, {}],
      ['POST', `/uploads/${a.uploadId}/complete`, {}],
      ['POST', `/projects/${a.projectId}/analyses`, { uploadId: a.uploadId }],
      ['POST', `/projects/${bobProjectId}/analyses`, { uploadId: a.uploadId }],
      ['GET', `/projects/${a.projectId}/analyses`],
      ['GET', `/analyses/${a.analysisId}`],
      ['DELETE', `/analyses/${a.analysisId}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await api.request(method, path, { token: bob.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(a.projectId);
    }
    // Nothing of Alice's changed.
    const mine = await api.get<AnalysisDto>(`/analyses/${a.analysisId}`, alice.token);
    expect(mine.status).toBe(200);
    expect(mine.body.status).toBe('completed');
    const projects = await api.get<ProjectDto[]>(`/teams/${alice.teamId}/projects`, alice.token);
    expect(projects.body.map((p) => p.name)).toEqual(['Alice EP']);
  });

  it("refuses a socket subscription to another team's analysis and leaks none of its events", async () => {
    const bobSocket = await SocketRecorder.connect(stack.baseUrl, { token: bob.token });
    const aliceSocket = await SocketRecorder.connect(stack.baseUrl, { token: alice.token });
    try {
      const ack = await bobSocket.subscribe(a.analysisId);
      expect(ack).toEqual({ ok: false, error: 'Not found' });
      await bobSocket.waitFor(a.analysisId, 'analysis.error', 5_000);

      const second = await api.createAnalysis(alice, a.projectId, { uploadId: a.uploadId });
      expect((await bobSocket.subscribe(second)).ok).toBe(false);
      await aliceSocket.waitFor(second, 'analysis.completed');
      expect(aliceSocket.for(second).some((e) => e.event === 'analysis.progress')).toBe(true);
      expect(bobSocket.for(second).map((e) => e.event)).toEqual(['analysis.error']);
      expect(bobSocket.events.filter((e) => e.event !== 'analysis.error')).toEqual([]);
    } finally {
      bobSocket.close();
      aliceSocket.close();
    }
  });

  it('opens the team to an invited member, and to nobody else', async () => {
    const invite = await api.post<{ token: string }>(
      `/teams/${alice.teamId}/invites`,
      { email: bob.email },
      alice.token,
    );
    expect(invite.status).toBe(201);
    const carol = await api.signup('Carol');
    expect((await api.post(`/invites/${invite.body.token}/accept`, {}, carol.token)).status).toBe(
      403,
    );
    expect((await api.post(`/invites/${invite.body.token}/accept`, {}, bob.token)).status).toBe(
      200,
    );
    expect((await api.post(`/invites/${invite.body.token}/accept`, {}, bob.token)).status).toBe(
      410,
    );

    const me = await api.get<MeResponse>('/me', bob.token);
    expect(me.body.teams.map((t) => [t.id, t.role])).toContainEqual([alice.teamId, 'member']);
    expect((await api.get(`/analyses/${a.analysisId}`, bob.token)).status).toBe(200);
    // A member may not invite; only owners can.
    expect(
      (await api.post(`/teams/${alice.teamId}/invites`, { email: 'x@y.test' }, bob.token)).status,
    ).toBe(403);
    expect((await api.get(`/analyses/${a.analysisId}`, carol.token)).status).toBe(404);
  });
});

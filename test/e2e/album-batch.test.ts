import { BATCH_MAX_MIXES, type BatchAnalysisResponse } from '@mixscope/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Account } from '../support/api.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { testWav } from '../support/wav.ts';

// The default limit: 5 analysis submissions a minute per user. No analyzer runs: the analyses only
// need to be accepted (or refused).
describe('albums and the analysis limit', () => {
  let stack: TestStack;
  let api: ApiClient;
  const wav = testWav({ seconds: 1 });

  beforeAll(async () => {
    stack = await startTestStack({
      analyzers: 0,
      gatewayEnv: { RATE_LIMIT_ANALYSES_PER_MINUTE: '' },
    });
    api = new ApiClient(stack.api, stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const analysesOf = async (account: Account) =>
    Number(
      (
        await stack.query<{ count: string }>(
          'SELECT count(*) FROM analyses WHERE created_by_id = $1',
          [account.userId],
        )
      )[0].count,
    );
  const uploadsOf = async (account: Account) =>
    Number(
      (
        await stack.query<{ count: string }>(
          'SELECT count(*) FROM uploads WHERE created_by_id = $1',
          [account.userId],
        )
      )[0].count,
    );
  const presign = (account: Account, projectId: string) =>
    api.post(
      `/projects/${projectId}/uploads`,
      { fileName: 'next.wav', sizeBytes: wav.length, contentType: 'audio/wav' },
      account.token,
    );

  it('refuses the upload of a 6th analysis in a minute before any bytes, without spending the limit', async () => {
    const user = await api.signup('Quick');
    const projectId = (await api.createProject(user)).id;
    const uploadId = (await api.upload(user, projectId, 'a.wav', wav)).id;
    for (let i = 0; i < 4; i++) await api.createAnalysis(user, projectId, { uploadId });
    // Presigns only look: three of them leave the 5th analysis possible.
    for (let i = 0; i < 3; i++) expect((await presign(user, projectId)).status).toBe(201);
    await api.createAnalysis(user, projectId, { uploadId });

    const uploadsBefore = await uploadsOf(user);
    const early = await presign(user, projectId);
    expect(early.status).toBe(429);
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await uploadsOf(user)).toBe(uploadsBefore);
    const late = await api.post(`/projects/${projectId}/analyses`, { uploadId }, user.token);
    expect(late.status).toBe(429);
    expect(late.body).toEqual(early.body);
    expect(JSON.stringify(early.body)).toContain('At most 5 analyses (or batches)');
  });

  it('counts a 20-mix album as one submission', async () => {
    const user = await api.signup('Album');
    const [first, second] = [
      (await api.createProject(user, 'LP side A')).id,
      (await api.createProject(user, 'LP side B')).id,
    ];
    const reference = (await api.upload(user, first, 'ref.wav', wav)).id;
    const items = [];
    for (let i = 0; i < BATCH_MAX_MIXES; i++) {
      const projectId = i % 2 ? second : first;
      const uploadId = (await api.upload(user, projectId, `track-${i + 1}.wav`, wav)).id;
      items.push({
        projectId,
        uploadId,
        title: `Track ${i + 1}`,
        ...(projectId === first ? { referenceUploadId: reference } : {}),
      });
    }
    const res = await api.post<BatchAnalysisResponse>('/analyses/batch', { items }, user.token);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.analyses).toHaveLength(BATCH_MAX_MIXES);
    expect(res.body.analyses.map((a) => a.projectId)).toEqual(items.map((i) => i.projectId));
    expect(res.body.analyses.every((a) => a.status === 'queued')).toBe(true);
    expect(await analysesOf(user)).toBe(BATCH_MAX_MIXES);
    // Each became its own revision of its project, in the order given.
    const revisions = await stack.query<{ title: string; revision: number }>(
      'SELECT title, revision FROM analyses WHERE project_id = $1 ORDER BY revision',
      [second],
    );
    expect(revisions.map((r) => [r.title, r.revision])).toEqual(
      items.filter((i) => i.projectId === second).map((i, n) => [i.title, n + 1]),
    );
    // One hit of five: four more submissions fit, the fifth after the album does not.
    const single = items[0].uploadId;
    for (let i = 0; i < 4; i++) await api.createAnalysis(user, first, { uploadId: single });
    expect(
      (await api.post(`/projects/${first}/analyses`, { uploadId: single }, user.token)).status,
    ).toBe(429);
  });

  it('refuses a batch over the size, empty, or with a mix twice, before anything is recorded', async () => {
    const cases: [(projectId: string, uploadId: string, other: string) => unknown, string][] = [
      [
        (projectId, uploadId) => ({
          items: Array.from({ length: BATCH_MAX_MIXES + 1 }, () => ({ projectId, uploadId })),
        }),
        `a batch holds at most ${BATCH_MAX_MIXES} mixes`,
      ],
      [() => ({ items: [] }), 'items must hold at least one mix'],
      [() => ({}), 'items must be an array'],
      [(projectId) => ({ items: [{ projectId, uploadId: 'nope' }] }), 'uploadId must be a UUID'],
      [
        (projectId, uploadId) => ({ items: [{ projectId, uploadId, genre: 'polka' }] }),
        'genre must be one of',
      ],
      [
        (projectId, uploadId, other) => ({
          items: [
            { projectId, uploadId },
            { projectId, uploadId: other },
            { projectId, uploadId },
          ],
        }),
        'is already the mix of items[0]',
      ],
    ];
    // A refused submission still spends one of the minute's five: one user per case.
    for (const [body, message] of cases) {
      const user = await api.signup('Big');
      const projectId = (await api.createProject(user)).id;
      const uploadId = (await api.upload(user, projectId, 'a.wav', wav)).id;
      const other = (await api.upload(user, projectId, 'b.wav', wav)).id;
      const res = await api.post('/analyses/batch', body(projectId, uploadId, other), user.token);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(JSON.stringify(res.body)).toContain(message);
      expect(await analysesOf(user)).toBe(0);
    }
  });

  it('queues nothing when one item is bad, and says which', async () => {
    const user = await api.signup('Careful');
    const stranger = await api.signup('Stranger');
    const projectId = (await api.createProject(user)).id;
    const good = [
      (await api.upload(user, projectId, 'one.wav', wav)).id,
      (await api.upload(user, projectId, 'two.wav', wav)).id,
      (await api.upload(user, projectId, 'four.wav', wav)).id,
    ];
    const pending = (await api.presign(user, projectId, 'three.wav', wav.length)).uploadId;
    const strangerProject = (await api.createProject(stranger)).id;
    const strangerUpload = (await api.upload(stranger, strangerProject, 's.wav', wav)).id;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ projectId, uploadId: pending }, 409, 'items[2]: Complete the upload'],
      [{ projectId, uploadId: strangerUpload }, 404, 'items[2]: Not found'],
      [{ projectId: strangerProject, uploadId: strangerUpload }, 404, 'items[2]: Not found'],
      [
        { projectId, uploadId: good[2], referenceUploadId: good[2] },
        422,
        'items[2]: The reference must be another upload than the mix',
      ],
    ];
    for (const [bad, status, message] of cases) {
      const items = [
        { projectId, uploadId: good[0] },
        { projectId, uploadId: good[1], title: 'Two' },
        bad,
      ];
      const res = await api.post('/analyses/batch', { items }, user.token);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(JSON.stringify(res.body)).toContain(message);
      expect(await analysesOf(user)).toBe(0);
    }
    // A viewer of the team may not start analyses there, in a batch either.
    const viewer = await api.signup('Listener');
    const invite = await api.post<{ token: string }>(
      `/teams/${user.teamId}/invites`,
      { email: viewer.email, role: 'viewer' },
      user.token,
    );
    expect((await api.post(`/invites/${invite.body.token}/accept`, {}, viewer.token)).status).toBe(
      200,
    );
    const byViewer = await api.post(
      '/analyses/batch',
      { items: [{ projectId, uploadId: good[0] }] },
      viewer.token,
    );
    expect(byViewer.status).toBe(403);
    expect(JSON.stringify(byViewer.body)).toContain('items[0]: Your role in this team (viewer)');
    expect(await analysesOf(user)).toBe(0);
    const [{ revision }] = await stack.query<{ revision: number }>(
      'SELECT last_revision AS revision FROM projects WHERE id = $1',
      [projectId],
    );
    expect(revision).toBe(0);
  });
});

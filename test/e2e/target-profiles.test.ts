import {
  targetProfileDtoSchema,
  type AnalysisDto,
  type TargetProfileDto,
} from '@mixscope/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Account } from '../support/api.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { testWav } from '../support/wav.ts';

// A team's own references as a named target: built from its analyses, judged against like a
// genre, made and deleted only by roles that may, and invisible to every other team.
describe('target profiles', () => {
  let stack: TestStack;
  let api: ApiClient;
  let owner: Account;
  let member: Account;
  let viewer: Account;
  let outsider: Account;
  let projectId: string;
  let refs: AnalysisDto[];
  let mixUploadId: string;
  let outsiderAnalysisId: string;
  let outsiderProfileId: string;

  beforeAll(async () => {
    stack = await startTestStack({ analyzers: 1 });
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
    projectId = (await api.createProject(owner, 'References')).id;
    const analyse = async (account: Account, project: string, name: string, bytes: Buffer) => {
      const upload = await api.upload(account, project, name, bytes);
      return api.createAnalysis(account, project, { uploadId: upload.id });
    };
    const refIds = [
      await analyse(owner, projectId, 'ref-a.wav', testWav({ seconds: 6, gainDb: -6 })),
      await analyse(
        owner,
        projectId,
        'ref-b.wav',
        testWav({ seconds: 6, gainDb: -10, rootHz: 330 }),
      ),
    ];
    refs = [];
    for (const id of refIds) refs.push(await api.waitForAnalysis(owner, id, ['completed']));
    mixUploadId = (
      await api.upload(owner, projectId, 'mix.wav', testWav({ seconds: 6, gainDb: -2 }))
    ).id;
    const outsiderProject = (await api.createProject(outsider, 'Theirs')).id;
    outsiderAnalysisId = await analyse(outsider, outsiderProject, 'x.wav', testWav({ seconds: 6 }));
    const theirs = await analyse(
      outsider,
      outsiderProject,
      'y.wav',
      testWav({ seconds: 6, gainDb: -12 }),
    );
    await api.waitForAnalysis(outsider, outsiderAnalysisId, ['completed']);
    await api.waitForAnalysis(outsider, theirs, ['completed']);
    const made = await api.post<TargetProfileDto>(
      `/teams/${outsider.teamId}/profiles`,
      { name: 'Their refs', analysisIds: [outsiderAnalysisId, theirs] },
      outsider.token,
    );
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    outsiderProfileId = made.body.id;
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const create = (account: Account, body: Record<string, unknown>, teamId = owner.teamId) =>
    api.post<TargetProfileDto>(`/teams/${teamId}/profiles`, body, account.token);
  const message = (body: unknown) => {
    const text = (body as { message?: string | string[] }).message;
    return Array.isArray(text) ? text.join('; ') : String(text);
  };

  let profile: TargetProfileDto;
  let analysedWith: string;

  it('builds the mean and spread of the analyses a member picks, and any member lists it', async () => {
    const refused = await create(viewer, {
      name: 'Viewer refs',
      analysisIds: refs.map((r) => r.id),
    });
    expect(refused.status).toBe(403);
    expect(message(refused.body)).toContain(
      '(viewer) does not allow creating or deleting target profiles',
    );

    const res = await create(member, { name: '  Club refs ', analysisIds: refs.map((r) => r.id) });
    expect(res.status, message(res.body)).toBe(201);
    profile = targetProfileDtoSchema.strict().parse(res.body);
    expect(profile).toMatchObject({
      teamId: owner.teamId,
      name: 'Club refs',
      createdBy: { id: member.userId, name: 'Member' },
      sourceAnalysisIds: refs.map((r) => r.id),
    });
    expect(profile.profile.id).toBe(profile.id);
    expect(profile.profile.basis).toEqual({
      referenceCount: 2,
      references: ['ref-a.wav', 'ref-b.wav'],
    });
    const levels = refs.map((r) => r.result!.loudness.integratedLufs!);
    const range = profile.profile.integratedLufs;
    expect(range.mean).toBeCloseTo((levels[0] + levels[1]) / 2, 1);
    expect(range.sd).toBeCloseTo(Math.abs(levels[0] - levels[1]) / Math.SQRT2, 1);
    expect(range.max - range.mean).toBeCloseTo(Math.max(2 * range.sd, 1), 1);
    for (const level of levels) {
      expect(level).toBeGreaterThanOrEqual(range.min);
      expect(level).toBeLessThanOrEqual(range.max);
    }

    for (const account of [owner, viewer]) {
      const list = await api.get<TargetProfileDto[]>(
        `/teams/${owner.teamId}/profiles`,
        account.token,
      );
      expect(list.status).toBe(200);
      expect(list.body.map((p) => p.id)).toEqual([profile.id]);
    }
    const one = await api.get<TargetProfileDto>(`/profiles/${profile.id}`, viewer.token);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(profile);
  });

  it('refuses bad lists with a message saying what is wrong', async () => {
    const ids = refs.map((r) => r.id);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ name: 'One', analysisIds: [ids[0]] }, 400, 'analysisIds must list 2 to 50 analyses'],
      [{ name: 'Twice', analysisIds: [ids[0], ids[0]] }, 400, 'must not repeat an analysis'],
      [{ name: 'Junk', analysisIds: [ids[0], 'nope'] }, 400, 'each of analysisIds must be a UUID'],
      [{ name: ' ', analysisIds: ids }, 400, 'name must not be empty'],
      [
        { name: 'Theirs', analysisIds: [ids[0], outsiderAnalysisId] },
        400,
        `analysisIds[1]: ${outsiderAnalysisId} is not an analysis of this team`,
      ],
      [{ name: 'Club refs', analysisIds: ids }, 409, 'already has a profile named "Club refs"'],
    ];
    for (const [body, status, text] of cases) {
      const res = await create(owner, body);
      expect(res.status, message(res.body)).toBe(status);
      expect(message(res.body)).toContain(text);
    }
    // Asked for the moment it is queued, a 30 s file cannot have been measured yet.
    const late = await api.upload(owner, projectId, 'late.wav', testWav({ seconds: 30 }));
    const runningId = await api.createAnalysis(owner, projectId, { uploadId: late.id });
    const running = await create(owner, { name: 'Late', analysisIds: [ids[0], runningId] });
    expect(running.status, message(running.body)).toBe(409);
    expect(message(running.body)).toMatch(
      /is (queued|running); a profile is built from completed analyses only/,
    );
    expect((await api.delete(`/analyses/${runningId}`, owner.token)).status).toBe(204);
  });

  it('shows nothing of one team to another: 404 everywhere', async () => {
    const body = { name: 'Sneaky', analysisIds: refs.map((r) => r.id) };
    expect((await create(outsider, body)).status).toBe(404);
    expect((await api.get(`/teams/${owner.teamId}/profiles`, outsider.token)).status).toBe(404);
    expect((await api.get(`/profiles/${profile.id}`, outsider.token)).status).toBe(404);
    expect((await api.delete(`/profiles/${profile.id}`, outsider.token)).status).toBe(404);
    expect((await api.get(`/profiles/${outsiderProfileId}`, owner.token)).status).toBe(404);
    // The outsider's own list holds only its own profile.
    const theirs = await api.get<TargetProfileDto[]>(
      `/teams/${outsider.teamId}/profiles`,
      outsider.token,
    );
    expect(theirs.body.map((p) => p.id)).toEqual([outsiderProfileId]);
  });

  it('judges an analysis against the profile, and validates profileId', async () => {
    const start = (body: Record<string, unknown>) =>
      api.post(`/projects/${projectId}/analyses`, { uploadId: mixUploadId, ...body }, owner.token);
    const foreign = await start({ profileId: outsiderProfileId });
    expect(foreign.status).toBe(404);
    expect(message(foreign.body)).toContain(
      `profileId ${outsiderProfileId} is not a target profile of this team`,
    );
    const both = await start({ profileId: profile.id, genre: 'pop' });
    expect(both.status).toBe(400);
    expect(message(both.body)).toContain('Choose either a genre or a profileId, not both');
    const junk = await start({ profileId: 'club' });
    expect(junk.status).toBe(400);
    expect(message(junk.body)).toContain('profileId must be a UUID');

    const analysisId = await api.createAnalysis(owner, projectId, {
      uploadId: mixUploadId,
      profileId: profile.id,
    });
    const done = await api.waitForReport(owner, analysisId);
    expect(done.status).toBe('completed');
    expect(done.genre).toBeNull();
    expect(done.report?.profile).toEqual({
      id: profile.id,
      name: 'Club refs',
      chosenBy: 'references',
      reason: 'target: from 2 references: ref-a.wav, ref-b.wav',
    });
    const plr = done.report?.findings.find((f) => f.id === 'dynamics.plr');
    expect(plr?.target).toMatchObject({
      min: profile.profile.plrDb.min,
      max: profile.profile.plrDb.max,
      source: profile.profile.plrDb.source,
    });
    expect(done.report?.report.summary).toContain('Target profile Club refs');
    analysedWith = analysisId;

    // The web app sends through the batch route: each item takes a profileId the same way.
    const batch = (profileId: string) =>
      api.post<{ analyses: { analysisId: string }[] }>(
        '/analyses/batch',
        { items: [{ projectId, uploadId: mixUploadId, profileId }] },
        owner.token,
      );
    const refusedItem = await batch(outsiderProfileId);
    expect(refusedItem.status).toBe(404);
    expect(message(refusedItem.body)).toBe(
      `items[0]: profileId ${outsiderProfileId} is not a target profile of this team`,
    );
    const queued = await batch(profile.id);
    expect(queued.status, message(queued.body)).toBe(202);
    const fromBatch = await api.waitForReport(owner, queued.body.analyses[0].analysisId);
    expect(fromBatch.report?.profile).toEqual(done.report?.profile);
  });

  it('is deleted only by roles that may, and analyses keep their copy', async () => {
    const refused = await api.delete(`/profiles/${profile.id}`, viewer.token);
    expect(refused.status).toBe(403);
    expect((await api.delete(`/profiles/${profile.id}`, member.token)).status).toBe(204);
    expect((await api.get(`/profiles/${profile.id}`, owner.token)).status).toBe(404);
    expect((await api.delete(`/profiles/${profile.id}`, owner.token)).status).toBe(404);
    const list = await api.get<TargetProfileDto[]>(`/teams/${owner.teamId}/profiles`, owner.token);
    expect(list.body).toEqual([]);
    const [row] = await stack.query<{ profile_id: string | null; name: string }>(
      "SELECT profile_id, target_profile->>'name' AS name FROM analyses WHERE id = $1",
      [analysedWith],
    );
    expect(row).toEqual({ profile_id: null, name: 'Club refs' });
    const after = await api.get<AnalysisDto>(`/analyses/${analysedWith}`, owner.token);
    expect(after.body.report?.profile.name).toBe('Club refs');
    // Asking for the deleted profile now answers as for any unknown one.
    const gone = await api.post(
      `/projects/${projectId}/analyses`,
      { uploadId: mixUploadId, profileId: profile.id },
      owner.token,
    );
    expect(gone.status).toBe(404);
  });
});

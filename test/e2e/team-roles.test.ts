import {
  TEAM_ROLES,
  type AcceptInviteResponse,
  type AnalysisDto,
  type CommentDto,
  type ApiErrorBody,
  type InviteResponse,
  type MeResponse,
  type MemberDto,
  type PendingInviteDto,
  type TeamRole,
  type UploadDto,
} from '@mixscope/contracts';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, putToStorage, type Account } from '../support/api.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { testWav } from '../support/wav.ts';

type Team = Record<TeamRole, Account>;

// Roles decide what a member may do, invitations travel by mail, and other teams see only 404.
describe('team roles, members and invitations', () => {
  let stack: TestStack;
  let api: ApiClient;
  const wav = testWav({ seconds: 2 });
  const address = (name: string) =>
    `${name.toLowerCase()}-${randomBytes(4).toString('hex')}@studio.test`;

  beforeAll(async () => {
    stack = await startTestStack({ analyzers: 1 });
    api = new ApiClient(stack.api, stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** Invites `email` and returns the token from the link in the mail the sink received. */
  const inviteByMail = async (by: Account, email: string, role: TeamRole) => {
    const res = await api.post<InviteResponse>(
      `/teams/${by.teamId}/invites`,
      { email, role },
      by.token,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.emailed).toBe(true);
    const mail = await stack.waitForMail(email, (m) => /invited you/.test(m.subject));
    const link = mail.links.find((l) => l.startsWith(`${stack.publicUrl}/invites/`));
    expect(link, mail.text).toBeDefined();
    return { invite: res.body.invite, token: decodeURIComponent(link!.split('/invites/')[1]) };
  };

  /** An owner and one invited account of every other role, each joined through the mailed link. */
  const startTeam = async (): Promise<Team> => {
    const owner = await api.signup('Owner');
    const team = { owner } as Team;
    for (const role of ['admin', 'member', 'viewer'] as const) {
      const email = address(role);
      const { token } = await inviteByMail(owner, email, role);
      team[role] = await api.signupFromInvite(role, email, token);
    }
    return team;
  };

  it('mails an invitation whose link signs the invitee up into the team, with no team of their own', async () => {
    const owner = await api.signup('Olga');
    const email = address('Nina');
    const { invite, token } = await inviteByMail(owner, email, 'viewer');
    const mail = await stack.waitForMail(email, (m) => /invited you/.test(m.subject));
    expect(mail.subject).toContain("Olga's team");
    expect(mail.text).toContain('viewer');

    const nina = await api.signupFromInvite('Nina', email, token);
    expect(nina.teamId).toBe(owner.teamId);
    const me = await api.get<MeResponse>('/me', nina.token);
    expect(me.body.teams.map((t) => [t.id, t.role])).toEqual([[owner.teamId, 'viewer']]);
    // Spent: no longer pending, and refused a second time.
    const pending = await api.get<PendingInviteDto[]>(
      `/teams/${owner.teamId}/invites`,
      owner.token,
    );
    expect(pending.body.map((i) => i.id)).not.toContain(invite.id);
    expect((await api.post(`/invites/${token}/accept`, {}, nina.token)).status).toBe(410);
  });

  it('an existing account accepts the mailed invitation through the link token', async () => {
    const owner = await api.signup('Olga');
    const sam = await api.signup('Sam');
    const { token } = await inviteByMail(owner, sam.email, 'admin');
    const accepted = await api.post<AcceptInviteResponse>(
      `/invites/${token}/accept`,
      {},
      sam.token,
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.team).toMatchObject({ id: owner.teamId, role: 'admin' });
    const me = await api.get<MeResponse>('/me', sam.token);
    expect(me.body.teams.map((t) => [t.id, t.role])).toEqual([
      [sam.teamId, 'owner'],
      [owner.teamId, 'admin'],
    ]);
  });

  it('refuses a signup with an invitation sent to another address, or with neither invitation nor team name', async () => {
    const owner = await api.signup('Olga');
    const { token } = await inviteByMail(owner, address('Sam'), 'member');
    const otherEmail = address('Mallory');
    const wrong = await api.post<ApiErrorBody>('/auth/signup', {
      email: otherEmail,
      password: 'correct horse battery',
      name: 'Mallory',
      inviteToken: token,
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.message).toBe('This invitation was sent to another email address');
    // The refused signup created no account.
    const login = await api.post('/auth/login', {
      email: otherEmail,
      password: 'correct horse battery',
    });
    expect(login.status).toBe(401);

    const noTeam = await api.post<ApiErrorBody>('/auth/signup', {
      email: address('Nobody'),
      password: 'correct horse battery',
      name: 'Nobody',
    });
    expect(noTeam.status).toBe(400);
    expect(JSON.stringify(noTeam.body.message)).toContain('teamName');
    const emptyToken = await api.post<ApiErrorBody>('/auth/signup', {
      email: address('Empty'),
      password: 'correct horse battery',
      name: 'Empty',
      inviteToken: '',
    });
    expect(emptyToken.status).toBe(400);
    expect(JSON.stringify(emptyToken.body.message)).toContain('inviteToken should not be empty');
  });

  describe('what each role may do', () => {
    let team: Team;
    let projectId: string;
    let ready: UploadDto;
    /** A measured analysis of the owner's, kept to the end, to listen to and comment on. */
    let measured: string;

    beforeAll(async () => {
      team = await startTeam();
      projectId = (await api.createProject(team.owner)).id;
      ready = await api.upload(team.owner, projectId, 'mix.wav', wav);
      // Kept to the end: deleting the other analyses of this upload never orphans (deletes) it.
      measured = await api.createAnalysis(team.owner, projectId, { uploadId: ready.id });
      expect((await api.waitForAnalysis(team.owner, measured)).status).toBe('completed');
    });

    const ownersComment = async () => {
      const res = await api.post<CommentDto>(
        `/analyses/${measured}/comments`,
        { body: 'Snare too loud here', atSec: 1 },
        team.owner.token,
      );
      expect(res.status).toBe(201);
      return res.body.id;
    };

    const ownersAnalysis = () => api.createAnalysis(team.owner, projectId, { uploadId: ready.id });

    /** action, what it answers for owner, admin, member and viewer */
    const actions: [string, (who: Account) => Promise<number>, Record<TeamRole, number>][] = [
      [
        'create a project',
        async (who) =>
          (await api.post(`/teams/${team.owner.teamId}/projects`, { name: 'P' }, who.token)).status,
        { owner: 201, admin: 201, member: 201, viewer: 403 },
      ],
      [
        'ask for an upload URL',
        async (who) =>
          (
            await api.post(
              `/projects/${projectId}/uploads`,
              { fileName: 'b.wav', sizeBytes: wav.length, contentType: 'audio/wav' },
              who.token,
            )
          ).status,
        { owner: 201, admin: 201, member: 201, viewer: 403 },
      ],
      [
        "complete the owner's upload",
        async (who) => {
          const presigned = await api.presign(team.owner, projectId, 'c.wav', wav.length);
          expect(await putToStorage(presigned, wav)).toBe(200);
          return (await api.post(`/uploads/${presigned.uploadId}/complete`, {}, who.token)).status;
        },
        { owner: 200, admin: 200, member: 200, viewer: 403 },
      ],
      [
        'start an analysis',
        async (who) =>
          (await api.post(`/projects/${projectId}/analyses`, { uploadId: ready.id }, who.token))
            .status,
        { owner: 202, admin: 202, member: 202, viewer: 403 },
      ],
      [
        "delete the owner's analysis",
        async (who) => {
          const analysisId = await ownersAnalysis();
          const status = (await api.delete(`/analyses/${analysisId}`, who.token)).status;
          // A refusal leaves it in place.
          const after = (await api.get(`/analyses/${analysisId}`, team.owner.token)).status;
          expect(after).toBe(status === 204 ? 404 : 200);
          return status;
        },
        { owner: 204, admin: 204, member: 403, viewer: 403 },
      ],
      [
        'read an analysis',
        async (who) => (await api.get(`/analyses/${await ownersAnalysis()}`, who.token)).status,
        { owner: 200, admin: 200, member: 200, viewer: 200 },
      ],
      [
        'get a playback URL',
        async (who) => (await api.get(`/analyses/${measured}/audio?track=mix`, who.token)).status,
        { owner: 200, admin: 200, member: 200, viewer: 200 },
      ],
      [
        'comment at a moment',
        async (who) =>
          (
            await api.post(
              `/analyses/${measured}/comments`,
              { body: 'Kick masks the bass', atSec: 0.5 },
              who.token,
            )
          ).status,
        { owner: 201, admin: 201, member: 201, viewer: 201 },
      ],
      [
        "resolve the owner's comment",
        async (who) =>
          (await api.patch(`/comments/${await ownersComment()}`, { resolved: true }, who.token))
            .status,
        { owner: 200, admin: 200, member: 200, viewer: 200 },
      ],
      [
        "delete the owner's comment",
        async (who) => {
          const id = await ownersComment();
          const status = (await api.delete(`/comments/${id}`, who.token)).status;
          const listed = await api.get<CommentDto[]>(
            `/analyses/${measured}/comments`,
            team.owner.token,
          );
          expect(listed.body.some((c) => c.id === id)).toBe(status !== 204);
          return status;
        },
        { owner: 204, admin: 204, member: 403, viewer: 403 },
      ],
      [
        'list the members',
        async (who) => (await api.get(`/teams/${team.owner.teamId}/members`, who.token)).status,
        { owner: 200, admin: 200, member: 200, viewer: 200 },
      ],
      [
        'list pending invitations',
        async (who) => (await api.get(`/teams/${team.owner.teamId}/invites`, who.token)).status,
        { owner: 200, admin: 200, member: 403, viewer: 403 },
      ],
      [
        'invite a viewer',
        async (who) =>
          (
            await api.post(
              `/teams/${team.owner.teamId}/invites`,
              { email: address('guest'), role: 'viewer' },
              who.token,
            )
          ).status,
        { owner: 201, admin: 201, member: 403, viewer: 403 },
      ],
    ];

    for (const [action, attempt, expected] of actions) {
      for (const role of TEAM_ROLES) {
        it(`${role}: ${action} → ${expected[role]}`, async () => {
          expect(await attempt(team[role])).toBe(expected[role]);
        });
      }
    }

    it('answers a forbidden action with a message naming the role', async () => {
      const res = await api.post<ApiErrorBody>(
        `/teams/${team.owner.teamId}/projects`,
        { name: 'P' },
        team.viewer.token,
      );
      expect(res.status).toBe(403);
      expect(res.body.message).toBe(
        'Your role in this team (viewer) does not allow creating projects, uploading or starting analyses',
      );
    });

    it('lets a member delete an analysis of their own', async () => {
      const own = await api.createAnalysis(team.member, projectId, { uploadId: ready.id });
      // The web app shows a member the delete control only on analyses that name them.
      const shown = await api.get<AnalysisDto>(`/analyses/${own}`, team.viewer.token);
      expect(shown.body.createdById).toBe(team.member.userId);
      expect((await api.delete(`/analyses/${own}`, team.member.token)).status).toBe(204);
      expect((await api.get(`/analyses/${own}`, team.owner.token)).status).toBe(404);
    });

    it('lists members with their roles', async () => {
      const res = await api.get<MemberDto[]>(
        `/teams/${team.owner.teamId}/members`,
        team.viewer.token,
      );
      expect(res.body.map((m) => [m.userId, m.role])).toEqual(
        TEAM_ROLES.map((role) => [team[role].userId, role]),
      );
      const admin = res.body.find((m) => m.role === 'admin')!;
      expect(admin.email).toBe(team.admin.email);
      expect(admin.name).toBe('admin');
      expect(Number.isNaN(Date.parse(admin.joinedAt))).toBe(false);
    });
  });

  describe('changing roles and removing members', () => {
    let team: Team;
    const members = (t: Team) => `/teams/${t.owner.teamId}/members`;

    beforeAll(async () => {
      team = await startTeam();
    });

    it('an admin changes roles below owner, and the new role applies at once', async () => {
      const demoted = await api.patch<MemberDto>(
        `${members(team)}/${team.member.userId}`,
        { role: 'viewer' },
        team.admin.token,
      );
      expect(demoted.status).toBe(200);
      expect(demoted.body).toMatchObject({ userId: team.member.userId, role: 'viewer' });
      const refused = await api.post(
        `/teams/${team.owner.teamId}/projects`,
        { name: 'P' },
        team.member.token,
      );
      expect(refused.status).toBe(403);
      const back = await api.patch(
        `${members(team)}/${team.member.userId}`,
        { role: 'member' },
        team.admin.token,
      );
      expect(back.status).toBe(200);
    });

    it('an admin neither makes nor touches owners; members and viewers change nothing', async () => {
      const attempts: [Account, 'PATCH' | 'DELETE', string, unknown?][] = [
        [team.admin, 'PATCH', team.member.userId, { role: 'owner' }],
        [team.admin, 'PATCH', team.owner.userId, { role: 'member' }],
        [team.admin, 'DELETE', team.owner.userId],
        [team.member, 'PATCH', team.viewer.userId, { role: 'member' }],
        [team.member, 'DELETE', team.viewer.userId],
        [team.viewer, 'PATCH', team.viewer.userId, { role: 'admin' }],
        [team.viewer, 'DELETE', team.member.userId],
      ];
      for (const [who, method, userId, body] of attempts) {
        const res = await api.request(method, `${members(team)}/${userId}`, {
          token: who.token,
          body,
        });
        expect(res.status, `${method} ${userId} by ${who.userId}`).toBe(403);
      }
      const roles = await api.get<MemberDto[]>(members(team), team.owner.token);
      expect(roles.body.map((m) => m.role)).toEqual(TEAM_ROLES);
    });

    it('refuses a role that does not exist, and a user who is not a member', async () => {
      const bad = await api.patch<ApiErrorBody>(
        `${members(team)}/${team.member.userId}`,
        { role: 'boss' },
        team.owner.token,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.message).toEqual(['role must be one of: owner, admin, member, viewer']);
      const stranger = await api.signup('Stranger');
      const notMember = await api.patch(
        `${members(team)}/${stranger.userId}`,
        { role: 'viewer' },
        team.owner.token,
      );
      expect(notMember.status).toBe(404);
    });

    it('keeps the last owner: neither demoted nor removed until another owner exists', async () => {
      const t = await startTeam();
      const demote = await api.patch<ApiErrorBody>(
        `${members(t)}/${t.owner.userId}`,
        { role: 'admin' },
        t.owner.token,
      );
      expect(demote.status).toBe(409);
      expect(demote.body.message).toBe(
        'A team keeps at least one owner; make another member an owner first',
      );
      expect((await api.delete(`${members(t)}/${t.owner.userId}`, t.owner.token)).status).toBe(409);

      const promoted = await api.patch(
        `${members(t)}/${t.admin.userId}`,
        { role: 'owner' },
        t.owner.token,
      );
      expect(promoted.status).toBe(200);
      // Two owners now: the first may step down, and the second is then the last.
      expect(
        (await api.patch(`${members(t)}/${t.owner.userId}`, { role: 'admin' }, t.owner.token))
          .status,
      ).toBe(200);
      expect((await api.delete(`${members(t)}/${t.admin.userId}`, t.admin.token)).status).toBe(409);
    });

    it('an admin removes a member, who then finds the team gone (404); anyone may leave', async () => {
      const t = await startTeam();
      expect((await api.delete(`${members(t)}/${t.viewer.userId}`, t.admin.token)).status).toBe(
        204,
      );
      expect((await api.get(`/teams/${t.owner.teamId}/projects`, t.viewer.token)).status).toBe(404);
      expect((await api.delete(`${members(t)}/${t.member.userId}`, t.member.token)).status).toBe(
        204,
      );
      const left = await api.get<MemberDto[]>(members(t), t.owner.token);
      expect(left.body.map((m) => m.role)).toEqual(['owner', 'admin']);
    });
  });

  describe('pending invitations', () => {
    let team: Team;
    const invites = () => `/teams/${team.owner.teamId}/invites`;

    beforeAll(async () => {
      team = await startTeam();
    });

    it('lists pending invitations, and a revoked one is refused afterwards', async () => {
      const email = address('Pat');
      const { invite, token } = await inviteByMail(team.admin, email, 'member');
      for (let read = 0; read < 2; read++) {
        const listed = await api.get<PendingInviteDto[]>(invites(), team.owner.token);
        expect(listed.body.find((i) => i.id === invite.id)).toMatchObject({
          email,
          role: 'member',
          invitedBy: { id: team.admin.userId, name: 'admin' },
        });
      }

      expect((await api.delete(`${invites()}/${invite.id}`, team.admin.token)).status).toBe(204);
      const after = await api.get<PendingInviteDto[]>(invites(), team.owner.token);
      expect(after.body.map((i) => i.id)).not.toContain(invite.id);
      expect((await api.delete(`${invites()}/${invite.id}`, team.owner.token)).status).toBe(404);

      const signup = await api.post<ApiErrorBody>('/auth/signup', {
        email,
        password: 'correct horse battery',
        name: 'Pat',
        inviteToken: token,
      });
      expect(signup.status).toBe(410);
      expect(signup.body.message).toBe('This invitation has been revoked');
      const pat = await api.signup('Pat');
      const samePerson = await api.post<ApiErrorBody>(`/invites/${token}/accept`, {}, pat.token);
      expect(samePerson.status).toBe(410);
      const me = await api.get<MeResponse>('/me', pat.token);
      expect(me.body.teams.map((t) => t.id)).not.toContain(team.owner.teamId);
    });

    it('only an owner invites owners or revokes their invitations; roles are checked', async () => {
      const asAdmin = await api.post<ApiErrorBody>(
        invites(),
        { email: address('boss'), role: 'owner' },
        team.admin.token,
      );
      expect(asAdmin.status).toBe(403);
      const { invite } = await inviteByMail(team.owner, address('co-owner'), 'owner');
      expect((await api.delete(`${invites()}/${invite.id}`, team.admin.token)).status).toBe(403);
      expect((await api.delete(`${invites()}/${invite.id}`, team.member.token)).status).toBe(403);
      expect((await api.delete(`${invites()}/${invite.id}`, team.owner.token)).status).toBe(204);

      const badRole = await api.post<ApiErrorBody>(
        invites(),
        { email: address('x'), role: 'boss' },
        team.owner.token,
      );
      expect(badRole.status).toBe(400);
      expect(badRole.body.message).toEqual(['role must be one of: owner, admin, member, viewer']);
    });
  });

  it("answers 404 to the member and invite routes given another team's ids", async () => {
    const team = await startTeam();
    const { invite } = await inviteByMail(team.owner, address('Pending'), 'member');
    const eve = await api.signup('Eve');
    const base = `/teams/${team.owner.teamId}`;
    const attempts: [string, string, unknown?][] = [
      ['GET', `${base}/members`],
      ['PATCH', `${base}/members/${team.member.userId}`, { role: 'viewer' }],
      ['DELETE', `${base}/members/${team.member.userId}`],
      ['GET', `${base}/invites`],
      ['POST', `${base}/invites`, { email: address('x'), role: 'viewer' }],
      ['DELETE', `${base}/invites/${invite.id}`],
      // Eve's own team, but a user and an invitation of the other one.
      ['PATCH', `/teams/${eve.teamId}/members/${team.member.userId}`, { role: 'viewer' }],
      ['DELETE', `/teams/${eve.teamId}/members/${team.member.userId}`],
      ['DELETE', `/teams/${eve.teamId}/invites/${invite.id}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await api.request(method, path, { token: eve.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(team.member.email);
    }
    const unchanged = await api.get<PendingInviteDto[]>(`${base}/invites`, team.owner.token);
    expect(unchanged.body.map((i) => i.id)).toContain(invite.id);
    const roles = await api.get<MemberDto[]>(`${base}/members`, team.owner.token);
    expect(roles.body.map((m) => m.role)).toEqual(TEAM_ROLES);
  });
});

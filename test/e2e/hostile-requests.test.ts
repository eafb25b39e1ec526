import type { SignupResponse, ProjectDto } from '@mixscope/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Account } from '../support/api.ts';
import { SocketRecorder } from '../support/socket.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const MB = 1024 * 1024;

// Requests an attacker or a broken client sends: each gets a clear 4xx with a message, never a 500.
describe('hostile requests', () => {
  let stack: TestStack;
  let api: ApiClient;
  let user: Account;
  let projectId: string;

  const send = (path: string, body: string, headers: Record<string, string> = {}) =>
    api.request<{ message: unknown }>('POST', path, {
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${user.token}`,
        ...headers,
      },
      rawBody: body,
    });

  beforeAll(async () => {
    stack = await startTestStack({ analyzers: 0 });
    api = new ApiClient(stack.api, stack);
    user = await api.signup('Mallory');
    projectId = (await api.createProject(user)).id;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  describe('malformed bodies and fields', () => {
    it('answers 413 with the limit to a 2 MB body', async () => {
      const res = await send(
        `/teams/${user.teamId}/projects`,
        JSON.stringify({ name: 'x'.repeat(2 * MB) }),
      );
      expect(res.status).toBe(413);
      expect(JSON.stringify(res.body)).toMatch(/larger than the 1 MB limit/);
    });

    it('answers 400 to JSON nested 5000 deep', async () => {
      const deep = `{"name":${'['.repeat(5000)}${']'.repeat(5000)}}`;
      const res = await send(`/teams/${user.teamId}/projects`, deep);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(/nested deeper than 32 levels/);
    });

    it('answers 400 to JSON that does not parse', async () => {
      const res = await send(`/teams/${user.teamId}/projects`, '{"name": "unterminated');
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(/Unterminated string in JSON/);
    });

    it('answers 400 to a NUL character in a project name, a file name and a team name', async () => {
      const cases: [string, Record<string, unknown>][] = [
        [`/teams/${user.teamId}/projects`, { name: 'Album\u0000' }],
        [
          `/projects/${projectId}/uploads`,
          { fileName: 'mix\u0000.wav', sizeBytes: 1000, contentType: 'audio/wav' },
        ],
        [
          '/auth/signup',
          {
            email: 'nul@studio.test',
            password: 'a long unusual passphrase',
            name: 'N',
            teamName: 'T\u0000',
          },
        ],
      ];
      for (const [path, body] of cases) {
        const res = await send(path, JSON.stringify(body));
        expect(res.status, path).toBe(400);
        expect(JSON.stringify(res.body), path).toMatch(/NUL character/);
      }
      // An escaped backslash followed by "u0000" is ordinary text, not a NUL.
      const literal = await send(`/teams/${user.teamId}/projects`, '{"name":"back\\\\u0000slash"}');
      expect(literal.status).toBe(201);
      expect((literal.body as unknown as ProjectDto).name).toBe('back\\u0000slash');
    });

    it('answers 400 to a cursor beyond any revision', async () => {
      for (const cursor of ['9999999999', '2147483648']) {
        const res = await api.get(`/projects/${projectId}/analyses?cursor=${cursor}`, user.token);
        expect(res.status, cursor).toBe(400);
        expect(JSON.stringify(res.body)).toMatch(/cursor/);
      }
      const last = await api.get(`/projects/${projectId}/analyses?cursor=2147483647`, user.token);
      expect(last.status).toBe(200);
    });

    it('answers 400 to names of only spaces instead of storing ""', async () => {
      const cases: [string, Record<string, unknown>][] = [
        [`/teams/${user.teamId}/projects`, { name: '   ' }],
        [
          `/projects/${projectId}/uploads`,
          { fileName: ' \t ', sizeBytes: 1000, contentType: 'audio/wav' },
        ],
        ['/tokens', { name: '  ' }],
        [
          '/auth/signup',
          {
            email: 'spaces@studio.test',
            password: 'a long unusual passphrase',
            name: '   ',
            teamName: 'Team',
          },
        ],
      ];
      for (const [path, body] of cases) {
        const res = await send(path, JSON.stringify(body));
        expect(res.status, path).toBe(400);
        expect(JSON.stringify(res.body), path).toMatch(/must not be empty/);
      }
      const [{ count }] = await stack.query<{ count: string }>(
        "SELECT count(*) FROM projects WHERE name = ''",
      );
      expect(Number(count)).toBe(0);
    });

    it('is still up after all of that', async () => {
      expect((await api.get('/ready')).status).toBe(200);
      expect(stack.gateway.child.exitCode).toBeNull();
      expect(stack.gateway.lines.join('\n')).not.toMatch(/Internal server error|RangeError/);
    });
  });

  describe('cross-site requests', () => {
    const ALLOWED = 'http://localhost:3000';
    const FOREIGN = 'https://evil.example';
    let cookie: string;

    beforeAll(async () => {
      const login = await fetch(`${stack.api}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ALLOWED },
        body: JSON.stringify({ email: user.email, password: 'correct horse battery' }),
      });
      cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      expect(cookie).toMatch(/^mixscope_session=/);
    });

    const projectCount = async () =>
      Number((await stack.query<{ count: string }>('SELECT count(*) FROM projects'))[0].count);

    it('refuses form, multipart and text bodies with 415, whatever the credential', async () => {
      const before = await projectCount();
      const bodies: [string, string][] = [
        ['application/x-www-form-urlencoded', 'name=Pwned'],
        [
          'multipart/form-data; boundary=x',
          '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nPwned\r\n--x--',
        ],
        ['text/plain', '{"name":"Pwned"}'],
      ];
      for (const [type, body] of bodies) {
        for (const headers of <Record<string, string>[]>[
          { cookie, origin: FOREIGN },
          { cookie, origin: ALLOWED },
          { authorization: `Bearer ${user.token}` },
        ]) {
          const res = await api.request('POST', `/teams/${user.teamId}/projects`, {
            headers: { 'content-type': type, ...headers },
            rawBody: body,
          });
          expect(res.status, `${type} ${JSON.stringify(Object.keys(headers))}`).toBe(415);
          expect(JSON.stringify(res.body)).toMatch(/must be JSON/);
        }
      }
      expect(await projectCount()).toBe(before);
    });

    it('refuses a cookie-authenticated JSON request from a foreign or unstated origin', async () => {
      const before = await projectCount();
      const attempts: [string, Record<string, string>][] = [
        [`/teams/${user.teamId}/projects`, { origin: FOREIGN }],
        [`/teams/${user.teamId}/projects`, { origin: 'null' }],
        [`/teams/${user.teamId}/projects`, { referer: `${FOREIGN}/page` }],
        [`/teams/${user.teamId}/projects`, {}],
        ['/tokens', { origin: FOREIGN }],
        [`/teams/${user.teamId}/invites`, { origin: FOREIGN }],
      ];
      for (const [path, headers] of attempts) {
        const res = await api.request('POST', path, {
          headers: { 'content-type': 'application/json', cookie, ...headers },
          rawBody: JSON.stringify(
            path.endsWith('invites')
              ? { email: 'x@evil.example', role: 'owner' }
              : { name: 'Pwned' },
          ),
        });
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(JSON.stringify(res.body)).toMatch(/Cross-site request refused/);
      }
      expect(await projectCount()).toBe(before);
      const tokens = await stack.query<{ count: string }>(
        "SELECT count(*) FROM api_tokens WHERE name = 'Pwned'",
      );
      expect(Number(tokens[0].count)).toBe(0);
    });

    it('accepts the same request from the web app, and a Bearer request with any origin', async () => {
      for (const headers of <Record<string, string>[]>[
        { cookie, origin: ALLOWED },
        { cookie, referer: `${ALLOWED}/projects` },
        { authorization: `Bearer ${user.token}`, origin: FOREIGN },
        { authorization: `Bearer ${user.token}` },
      ]) {
        const res = await api.request('POST', `/teams/${user.teamId}/projects`, {
          headers: { 'content-type': 'application/json', ...headers },
          rawBody: JSON.stringify({ name: 'Legit' }),
        });
        expect(res.status, JSON.stringify(Object.keys(headers))).toBe(201);
      }
    });

    it('refuses a WebSocket handshake from a foreign origin', async () => {
      await expect(
        SocketRecorder.connect(stack.baseUrl, undefined, { cookie, origin: FOREIGN }),
      ).rejects.toThrow();
      const allowed = await SocketRecorder.connect(stack.baseUrl, undefined, {
        cookie,
        origin: ALLOWED,
      });
      allowed.close();
      // Clients that are not browsers send no Origin and authenticate with a token.
      (await SocketRecorder.connect(stack.baseUrl, { token: user.token })).close();
    });
  });

  describe('account hygiene', () => {
    it('lets only a login session mint API tokens', async () => {
      const minted = await api.post<{ token: string; id: string }>(
        '/tokens',
        { name: 'cli' },
        user.token,
      );
      expect(minted.status).toBe(201);
      const bySession = await api.post('/tokens', { name: 'from token' }, minted.body.token);
      expect(bySession.status).toBe(403);
      expect(JSON.stringify(bySession.body)).toMatch(/only be created from a login session/);
      // Revoking the leaked token then cuts off access for good.
      expect((await api.delete(`/tokens/${minted.body.id}`, user.token)).status).toBe(204);
      expect((await api.get('/me', minted.body.token)).status).toBe(401);
    });

    it('answers a sign-up the same whether or not the address is registered, and opens the account only from the mailed link', async () => {
      const attempt = (email: string) =>
        api.post<Record<string, unknown>>('/auth/signup', {
          email,
          password: 'a long unusual passphrase',
          name: 'Probe',
          teamName: 'Probe',
        });
      const fresh = `fresh-${Date.now()}@studio.test`;
      const taken = await attempt(user.email);
      const free = await attempt(fresh);
      expect([taken.status, free.status]).toEqual([202, 202]);
      // The same body but for the address itself, and no session either way.
      const masked = (body: Record<string, unknown>, email: string) =>
        JSON.stringify(body).replaceAll(email, '<email>');
      expect(masked(taken.body, user.email)).toBe(masked(free.body, fresh));
      expect(taken.headers.get('set-cookie')).toBeNull();
      expect(free.headers.get('set-cookie')).toBeNull();
      // Nothing can log in before the link is followed.
      const early = await api.post('/auth/login', {
        email: fresh,
        password: 'a long unusual passphrase',
      });
      expect(early.status).toBe(401);

      // The owner of the registered address is told, and nothing changed for them.
      const notice = await stack.waitForMail(user.email, (m) => /already have/.test(m.subject));
      expect(notice.links.some((l) => l.includes('/signup/verify/'))).toBe(false);
      expect((await api.get('/me', user.token)).status).toBe(200);

      const token = await api.signupToken(fresh);
      const opened = await api.post<SignupResponse>('/auth/signup/verify', { token });
      expect(opened.status).toBe(201);
      expect(opened.body.user.email).toBe(fresh);
      expect(opened.body.team).toMatchObject({ name: 'Probe', role: 'owner' });
      // A link works once.
      const again = await api.post<{ message: string }>('/auth/signup/verify', { token });
      expect(again.status).toBe(410);
      expect(again.body.message).toMatch(/expired or was already used/);
      const forged = await api.post('/auth/signup/verify', { token: 'msu_forged' });
      expect(forged.status).toBe(410);
    });

    it('refuses common and single-class short passwords at signup', async () => {
      for (const password of ['1234567890', '5550123456', 'qwertyuiop', 'aaaaaaaaaaaa']) {
        const res = await api.post('/auth/signup', {
          email: `weak-${password}@studio.test`,
          password,
          name: 'Weak',
          teamName: 'Weak',
        });
        expect(res.status, password).toBe(400);
        expect(JSON.stringify(res.body), password).toMatch(/password/);
      }
      const [{ count }] = await stack.query<{ count: string }>(
        "SELECT count(*) FROM users WHERE email LIKE 'weak-%'",
      );
      expect(Number(count)).toBe(0);
    });
  });
});

import type { ProjectDto } from '@mixscope/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Account } from '../support/api.ts';
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
    api = new ApiClient(stack.api);
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
});

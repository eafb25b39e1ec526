import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Account } from '../support/api.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { testWav } from '../support/wav.ts';

// Default limits: 5 analyses per minute per user, 10 auth requests per minute per client.
// No analyzer runs here: the analyses only need to be accepted.
describe('rate limits', () => {
  let stack: TestStack;
  let api: ApiClient;

  beforeAll(async () => {
    stack = await startTestStack({
      analyzers: 0,
      gatewayEnv: { RATE_LIMIT_ANALYSES_PER_MINUTE: '', RATE_LIMIT_AUTH_PER_MINUTE: '' },
    });
    api = new ApiClient(stack.api);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('allows 5 analyses a minute per user, then answers 429 with Retry-After', async () => {
    const first: Account = await api.signup('Fast');
    const second: Account = await api.signup('Other');
    const wav = testWav({ seconds: 1 });
    const projectA = (await api.createProject(first)).id;
    const uploadA = (await api.upload(first, projectA, 'a.wav', wav)).id;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await api.post(`/projects/${projectA}/analyses`, { uploadId: uploadA }, first.token))
          .status,
      );
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    const limited = await api.post(
      `/projects/${projectA}/analyses`,
      { uploadId: uploadA },
      first.token,
    );
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Reads are not analysis creations, and other users have their own budget.
    expect((await api.get(`/projects/${projectA}/analyses`, first.token)).status).toBe(200);
    const projectB = (await api.createProject(second)).id;
    const uploadB = (await api.upload(second, projectB, 'b.wav', wav)).id;
    expect(
      (await api.post(`/projects/${projectB}/analyses`, { uploadId: uploadB }, second.token))
        .status,
    ).toBe(202);
    const [{ count }] = await stack.query<{ count: string }>('SELECT count(*) FROM analyses');
    expect(Number(count)).toBe(6);
  });

  it('limits the auth endpoints more strictly', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await api.post('/auth/login', { email: 'nobody@studio.test', password: 'guess guess' }))
          .status,
      );
    }
    // Two signups above came from this client too: 10 a minute in all, then 429.
    expect(statuses.filter((s) => s === 401).length).toBe(8);
    expect(statuses.slice(8)).toEqual([429, 429, 429, 429]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Account } from '../support/api.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { testWav } from '../support/wav.ts';

// Default limits: 5 analyses per minute per user, 10 auth requests per minute per client.
// No analyzer runs here: the analyses only need to be accepted.
describe('rate limits', () => {
  let stack: TestStack;
  let api: ApiClient;
  let honest: Account;
  let victim: Account;
  let bystander: Account;

  beforeAll(async () => {
    stack = await startTestStack({
      analyzers: 0,
      gatewayEnv: {
        RATE_LIMIT_ANALYSES_PER_MINUTE: '',
        RATE_LIMIT_AUTH_PER_MINUTE: '',
        RATE_LIMIT_PER_MINUTE: '100',
        // As under `npm start`: one proxy in front, whose X-Forwarded-For entry names the client.
        TRUST_PROXY: '1',
      },
    });
    api = new ApiClient(stack.api, stack);
    // From this client's address, so they count against its auth budget below.
    [honest, victim, bystander] = [
      await api.signup('Honest'),
      await api.signup('Victim'),
      await api.signup('Bystander'),
    ];
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
    // Five signups above came from this client too: 10 a minute in all, then 429.
    expect(statuses.filter((s) => s === 401).length).toBe(5);
    expect(statuses.slice(5)).toEqual(Array(7).fill(429));
  });

  const from = (address: string) => ({ 'x-forwarded-for': address });

  it('answers 429 to a client presenting bad credentials, before looking them up', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await api.request('GET', '/me', {
        token: `msk_fake${i}${'x'.repeat(30)}`,
        headers: from('203.0.113.7'),
      });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // 20 a minute by default; the 21st is refused without a lookup.
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(5).fill(429));
    // Another client address has its own budget, and a good credential from it works.
    const other = await api.request('GET', '/me', {
      token: honest.token,
      headers: from('203.0.113.8'),
    });
    expect(other.status).toBe(200);
    // Only the rightmost X-Forwarded-For entry (the one the proxy added) counts: a forged one
    // in front of it does not escape the block.
    const forged = await api.request('GET', '/me', {
      token: 'msk_fakeagain',
      headers: from('198.51.100.1, 203.0.113.7'),
    });
    expect(forged.status).toBe(429);
  });

  it('throttles /api/ready like any other route', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 101; i++) {
      statuses.push((await api.request('GET', '/ready', { headers: from('203.0.113.9') })).status);
    }
    expect(statuses.slice(0, 100).every((s) => s === 200)).toBe(true);
    expect(statuses[100]).toBe(429);
    expect((await api.request('GET', '/health', { headers: from('203.0.113.9') })).status).toBe(
      200,
    );
  });

  it('limits failed logins per account, from however many addresses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await api.request('POST', '/auth/login', {
        body: { email: victim.email, password: `guess number ${i}` },
        headers: from(`198.51.100.${10 + i}`),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    const blocked = await api.request('POST', '/auth/login', {
      body: { email: victim.email.toUpperCase(), password: 'guess again please' },
      headers: from('198.51.100.99'),
    });
    expect(blocked.status).toBe(429);
    expect(JSON.stringify(blocked.body)).toMatch(/Too many failed logins for this account/);
    // Another account from the same addresses is not affected.
    const ok = await api.request('POST', '/auth/login', {
      body: { email: bystander.email, password: 'correct horse battery' },
      headers: from('198.51.100.10'),
    });
    expect(ok.status).toBe(200);
  });
});

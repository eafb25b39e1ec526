import type { LoginResponse } from '@mixscope/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, waitFor } from '../../infra/local/local-stack.ts';
import { ApiClient, type Account } from '../support/api.ts';
import { SocketRecorder, type ReceivedEvent } from '../support/socket.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { testWav } from '../support/wav.ts';

/** The value of a series in Prometheus' text format, whatever the order of its labels. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([\w:]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const pairs = new Set(match[2].split(','));
    if (Object.entries(labels).every(([k, v]) => pairs.has(`${k}="${v}"`))) return Number(match[3]);
  }
  return undefined;
}

/** What a client saw of one analysis, in order, without arrival times. */
const seen = (recorder: SocketRecorder, analysisId: string) =>
  recorder.for(analysisId).map(({ event, payload }: ReceivedEvent) => ({ event, ...payload }));

// Two gateway instances share one database, one queue and, through the Socket.IO Redis adapter,
// one set of rooms; clients connect to either, as they would behind a load balancer.
describe('several gateway instances', () => {
  let stack: TestStack;
  let api: ApiClient;
  let second: ApiClient;
  let secondBase: string;
  let account: Account;
  let projectId: string;
  let uploadId: string;
  let analyzerMetricsPort: number;
  const sockets: SocketRecorder[] = [];

  beforeAll(async () => {
    analyzerMetricsPort = await freePort();
    stack = await startTestStack({
      analyzers: 1,
      analyzerEnv: { METRICS_PORT: String(analyzerMetricsPort), METRICS_HOST: '127.0.0.1' },
    });
    const instance = await stack.startExtraGateway();
    second = new ApiClient(instance.api, stack);
    secondBase = instance.baseUrl;
    api = new ApiClient(stack.api, stack);
    account = await api.signup('Noor');
    projectId = (await api.createProject(account)).id;
    uploadId = (await api.upload(account, projectId, 'mix.wav', testWav({ seconds: 12 }))).id;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await stack?.stop();
  });

  const connect = async (base: string, token: string) => {
    const recorder = await SocketRecorder.connect(base, { token });
    sockets.push(recorder);
    return recorder;
  };

  it('delivers every event exactly once to clients of either instance', async () => {
    const onFirst = await connect(stack.baseUrl, account.token);
    const onSecond = await connect(secondBase, account.token);
    // Only in its team's room, not subscribed to the analysis.
    const teamOnly = await connect(secondBase, account.token);
    const stranger = await api.signup('Ola');
    const strangerSocket = await connect(secondBase, stranger.token);

    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const id = await api.createAnalysis(account, projectId, { uploadId });
      ids.push(id);
      expect(await onFirst.subscribe(id)).toEqual({ ok: true });
      expect(await onSecond.subscribe(id)).toEqual({ ok: true });
      expect((await strangerSocket.subscribe(id)).ok).toBe(false);
    }
    for (const id of ids) {
      for (const client of [onFirst, onSecond, teamOnly])
        await client.waitFor(id, 'analysis.completed', 90_000);
    }
    // Room for a late duplicate to arrive before counting.
    await new Promise((r) => setTimeout(r, 1_000));

    for (const id of ids) {
      const reference = seen(onFirst, id);
      const completed = reference.filter((e) => e.event === 'analysis.completed');
      expect(completed, stack.logs()).toHaveLength(1);
      const progress = reference.filter((e) => e.event === 'analysis.progress');
      expect(progress.length).toBeGreaterThan(3);
      // The analyzer reports each (stage, percent) once; a duplicate could only come from relaying twice.
      const keys = progress.map((e) => `${e.role}/${e.stage}/${e.percent}`);
      expect(new Set(keys).size).toBe(keys.length);
      // Completion is the last event; the client of the other instance saw exactly the same.
      expect(reference.at(-1)?.event).toBe('analysis.completed');
      expect(seen(onSecond, id)).toEqual(reference);
      expect(seen(teamOnly, id).filter((e) => e.event !== 'analysis.error')).toEqual(reference);
    }
    expect(strangerSocket.events.filter((e) => e.event !== 'analysis.error')).toEqual([]);
  });

  it('disconnects the sockets of a session that logs out, whichever instance holds them', async () => {
    const login = await api.post<LoginResponse>('/auth/login', {
      email: account.email,
      password: 'correct horse battery',
    });
    expect(login.status).toBe(200);
    const sessionToken = login.body.accessToken;
    const doomed = await connect(secondBase, sessionToken);
    const bystander = await connect(secondBase, account.token);
    const disconnected = new Promise<string>((resolve) =>
      doomed.socket.once('disconnect', (reason) => resolve(reason)),
    );

    // Logout is answered by the first instance; the socket lives on the second.
    const logout = await api.request('POST', '/auth/logout', { token: sessionToken });
    expect(logout.status).toBe(204);
    expect(
      await Promise.race([
        disconnected,
        new Promise((r) => setTimeout(() => r('still connected after 5 s'), 5_000)),
      ]),
    ).toBe('io server disconnect');
    expect(bystander.socket.connected).toBe(true);
    // The ended session cannot come back either.
    await expect(SocketRecorder.connect(secondBase, { token: sessionToken })).rejects.toThrow(
      /unauthorized/,
    );
  });

  it('tags requests and jobs in the logs and reports queue depth, latency and stage durations', async () => {
    const res = await fetch(`${second.base}/health`, { headers: { 'x-request-id': 'probe-42' } });
    expect(res.headers.get('x-request-id')).toBe('probe-42');
    const generated = await api.get('/me', account.token);
    const requestId = generated.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const accessLine = await waitFor('the access log line of GET /api/me', async () =>
      stack.gateway.lines
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.requestId === requestId && l.route === '/api/me'),
    );
    expect(accessLine).toMatchObject({ service: 'gateway', method: 'GET', status: 200 });
    expect(typeof accessLine.durationMs).toBe('number');

    const analyzerLines = stack.analyzers[0].lines
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const started = analyzerLines.find((l) => /^started .+\.mix/.test(String(l.msg)));
    expect(started).toMatchObject({ service: 'analyzer', queue: 'analyze' });
    expect(String(started?.msg)).toContain(String(started?.jobId));
    expect(started?.analysisId).toBe(String(started?.jobId).split('.')[0]);

    const gatewayMetrics = await (await fetch(`${stack.baseUrl}/metrics`)).text();
    expect(
      sample(gatewayMetrics, 'mixscope_queue_jobs', { queue: 'analyze', state: 'waiting' }),
    ).toBe(0);
    const latency = { method: 'GET', route: '/api/me', status: '200' };
    expect(
      sample(gatewayMetrics, 'mixscope_http_request_duration_seconds_count', latency),
    ).toBeGreaterThanOrEqual(1);

    const analyzerBase = `http://127.0.0.1:${analyzerMetricsPort}`;
    expect((await fetch(`${analyzerBase}/health`)).status).toBe(200);
    const analyzerMetrics = await (await fetch(`${analyzerBase}/metrics`)).text();
    for (const stage of ['decode', 'loudness', 'spectrum', 'save'])
      expect(
        sample(analyzerMetrics, 'mixscope_job_stage_duration_seconds_count', {
          queue: 'analyze',
          stage,
        }),
        stage,
      ).toBe(2);
    expect(
      sample(analyzerMetrics, 'mixscope_job_duration_seconds_count', {
        queue: 'analyze',
        outcome: 'completed',
      }),
    ).toBe(2);
    expect(
      sample(analyzerMetrics, 'mixscope_job_failures_total', { queue: 'analyze', final: 'true' }),
    ).toBeUndefined();
  });
});

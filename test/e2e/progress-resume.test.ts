import type { AnalysisDto } from '@mixscope/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/local-stack.ts';
import { ApiClient, type Account } from '../support/api.ts';
import { SocketRecorder } from '../support/socket.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { testWav } from '../support/wav.ts';

// A gateway restart drops every socket and the events sent while it was down. A client that
// subscribes again gets where the analysis is now, before the acknowledgement of its subscription.
describe('resubscribing after a gateway restart', () => {
  let stack: TestStack;
  let api: ApiClient;
  let user: Account;
  let projectId: string;
  const sockets: SocketRecorder[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ analyzers: 1 });
    await stack.startLlmWorker();
    api = new ApiClient(stack.api, stack);
    user = await api.signup('Remi');
    projectId = (await api.createProject(user)).id;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await stack?.stop();
  });

  const connect = async () => {
    const recorder = await SocketRecorder.connect(stack.baseUrl, { token: user.token });
    sockets.push(recorder);
    return recorder;
  };

  const restartGateway = async (whileDown: () => Promise<unknown> = async () => {}) => {
    stack.gateway.child.kill('SIGKILL');
    await stack.gateway.exited;
    await whileDown();
    await stack.startGateway();
  };

  const rest = async (id: string) =>
    (await api.get<AnalysisDto>(`/analyses/${id}`, user.token)).body;

  it('sends the current progress at once mid-analysis, then the completion live', async () => {
    // Long enough (2 minutes of audio) to be still measuring after the restart.
    const upload = await api.upload(user, projectId, 'long.wav', testWav({ seconds: 120 }));
    const id = await api.createAnalysis(user, projectId, { uploadId: upload.id });
    const before = await connect();
    expect(await before.subscribe(id)).toEqual({ ok: true });
    await before.waitFor(id, 'analysis.progress');
    // The stored progress is the relay's and REST's starting point: wait until it has some.
    await waitFor('stored progress', async () => (await rest(id)).percent > 0);

    await restartGateway();
    const after = await connect();
    expect(await after.subscribe(id)).toEqual({ ok: true });
    const atAck = after.for(id);
    const now = await rest(id);
    expect(atAck.length, stack.logs()).toBeGreaterThan(0);
    const first = atAck[0];
    if (first.event === 'analysis.progress') {
      // Progress only moves forward: what was sent is at most what REST says a moment later.
      expect(first.payload.percent).toBeGreaterThan(0);
      expect(first.payload.percent).toBeLessThanOrEqual(now.percent);
    } else {
      expect(first.event).toBe('analysis.completed');
    }

    const completed = await after.waitFor(id, 'analysis.completed', 120_000);
    expect(completed.payload).toEqual({ analysisId: id });
    await after.waitFor(id, 'analysis.report', 60_000);
    expect((await rest(id)).status).toBe('completed');
  });

  it('sends completed and report at once when the analysis ended while the gateway was down', async () => {
    const upload = await api.upload(user, projectId, 'short.wav', testWav({ seconds: 6 }));
    const id = await api.createAnalysis(user, projectId, { uploadId: upload.id });
    const before = await connect();
    expect(await before.subscribe(id)).toEqual({ ok: true });

    // The analysis completes and gets its report while no gateway relays anything.
    await restartGateway(() =>
      waitFor(
        'the report to be stored',
        async () => {
          const rows = await stack.query<{ status: string; reports: string }>(
            `SELECT a.status, count(r.*)::text AS reports
               FROM analyses a LEFT JOIN reports r ON r.analysis_id = a.id
              WHERE a.id = $1 GROUP BY a.status`,
            [id],
          );
          return rows[0]?.status === 'completed' && rows[0].reports === '1';
        },
        { timeoutMs: 90_000 },
      ),
    );
    expect(before.for(id).some((e) => e.event === 'analysis.completed')).toBe(false);

    const after = await connect();
    expect(await after.subscribe(id)).toEqual({ ok: true });
    expect(after.for(id).map((e) => e.event)).toEqual(['analysis.completed', 'analysis.report']);
    expect(after.for(id)[1].payload).toEqual({ analysisId: id, source: 'rules' });
  });
});

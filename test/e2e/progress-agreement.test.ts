import { GENRE_IDS, PLATFORM_IDS, type AnalysisDto, type ProgressStage } from '@mixscope/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Account } from '../support/api.ts';
import { SocketRecorder } from '../support/socket.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { testWav } from '../support/wav.ts';

interface Reading {
  stage: ProgressStage | string | null;
  percent: number;
}

const key = (reading: Reading) => `${reading.stage} ${reading.percent}`;

// The built gateway, two analyzers measuring the mix and its reference in parallel: what REST
// says about a running analysis is what Socket.IO says about it, and the API refuses choices the
// contract tables do not have before anything is queued.
describe('progress: REST and Socket.IO agree on a live analysis', () => {
  let stack: TestStack;
  let api: ApiClient;
  let account: Account;
  let projectId: string;
  let mixId: string;
  let referenceId: string;

  beforeAll(async () => {
    stack = await startTestStack({ analyzers: 2 });
    api = new ApiClient(stack.api, stack);
    account = await api.signup('Grace');
    projectId = (await api.createProject(account, 'Parity')).id;
    const mix = testWav({ seconds: 30, bpm: 124, rootHz: 220 });
    const reference = testWav({ seconds: 30, bpm: 96, rootHz: 165, gainDb: -3 });
    mixId = (await api.upload(account, projectId, 'mix.wav', mix)).id;
    referenceId = (await api.upload(account, projectId, 'reference.wav', reference)).id;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('every stage and percent REST reports while it runs is one the socket reported too', async () => {
    // Connected before the analysis exists: the team room gets every event of it.
    const socket = await SocketRecorder.connect(stack.baseUrl, { token: account.token });
    const readings: Reading[] = [];
    let analysisId = '';
    try {
      analysisId = await api.createAnalysis(account, projectId, {
        uploadId: mixId,
        referenceUploadId: referenceId,
      });
      const deadline = Date.now() + 90_000;
      for (;;) {
        const res = await api.get<AnalysisDto>(`/analyses/${analysisId}`, account.token);
        expect(res.status).toBe(200);
        if (res.body.status === 'completed' || res.body.status === 'failed') {
          expect(res.body.status, stack.logs()).toBe('completed');
          break;
        }
        if (res.body.stage !== null)
          readings.push({ stage: res.body.stage, percent: res.body.percent });
        if (Date.now() > deadline) throw new Error(`analysis still running:\n${stack.logs()}`);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
      await socket.waitFor(analysisId, 'analysis.completed');
    } finally {
      socket.close();
    }

    const told = socket
      .for(analysisId)
      .filter((e) => e.event === 'analysis.progress')
      .map((e) => ({ stage: e.payload.stage ?? null, percent: e.payload.percent ?? -1 }));
    const toldKeys = new Set(told.map(key));
    // Enough readings to mean something: both tracks at work, several stages seen.
    expect(readings.length).toBeGreaterThan(10);
    expect(new Set(readings.map((r) => r.stage)).size).toBeGreaterThan(2);
    const unheard = readings.filter((reading) => !toldKeys.has(key(reading)));
    expect(unheard, `socket said: ${[...toldKeys].join(', ')}`).toEqual([]);
    // The mean of tracks that only move forward never moves back.
    const percents = told.map((t) => t.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
  });

  it('refuses an unknown genre with 400, listing the valid ones, and queues nothing', async () => {
    const res = await api.post<{ message: string[] }>(
      `/projects/${projectId}/analyses`,
      { uploadId: mixId, genre: 'polka' },
      account.token,
    );
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([`genre must be one of: ${GENRE_IDS.join(', ')}`]);
    expect(await countAnalyses()).toBe(1);
  });

  it('refuses an unknown target platform with 400, listing the valid ones', async () => {
    const res = await api.post<{ message: string[] }>(
      `/projects/${projectId}/analyses`,
      { uploadId: mixId, targets: ['spotify', 'myspace'] },
      account.token,
    );
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual([`each target must be one of: ${PLATFORM_IDS.join(', ')}`]);
    expect(await countAnalyses()).toBe(1);
  });

  async function countAnalyses(): Promise<number> {
    const [row] = await stack.query<{ count: string }>('SELECT count(*) FROM analyses');
    return Number(row.count);
  }
});

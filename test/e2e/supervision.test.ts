import { afterAll, describe, expect, it } from 'vitest';
import {
  startProcess,
  superviseProcess,
  waitFor,
  type SupervisedProcess,
} from '../../infra/local/local-stack.ts';
import { ApiClient } from '../support/api.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { testWav } from '../support/wav.ts';

// `npm start` runs every service under superviseProcess: a crashed one comes back, the rest stay up.
describe('the local stack supervisor', () => {
  const supervised: SupervisedProcess[] = [];
  let stack: TestStack | undefined;

  afterAll(async () => {
    await Promise.allSettled(supervised.map((s) => s.stop(5_000)));
    await stack?.stop();
  });

  it('restarts an analyzer killed with SIGKILL, says so, and the stack keeps serving', async () => {
    stack = await startTestStack({ analyzers: 0 });
    const log: string[] = [];
    const analyzer = superviseProcess(
      'analyzer-1',
      () => stack!.spawnAnalyzer('analyzer-1'),
      (line) => log.push(line),
    );
    supervised.push(analyzer);
    const ready = () =>
      waitFor('the analyzer to be ready', async () =>
        analyzer.current.lines.some((l) => l.includes('ready as')),
      );
    await ready();
    const api = new ApiClient(stack.api, stack);
    const user = await api.signup('Ivo');
    const projectId = (await api.createProject(user)).id;
    const upload = await api.upload(user, projectId, 'mix.wav', testWav({ seconds: 4 }));

    const first = analyzer.current;
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    await waitFor('the restart', async () => analyzer.restarts === 1);
    expect(log[0]).toMatch(
      /^analyzer-1 exited by SIGKILL at \d{4}-\d\d-\d\dT[\d:.]+Z; restarting in 1 s$/,
    );
    expect(log[1]).toMatch(/^analyzer-1 restarted \(restart 1, pid \d+\)$/);
    expect(analyzer.current).not.toBe(first);

    // The gateway never went away, and the new analyzer does the work.
    expect((await fetch(`${stack.api}/ready`)).status).toBe(200);
    await ready();
    const analysisId = await api.createAnalysis(user, projectId, { uploadId: upload.id });
    const done = await api.waitForAnalysis(user, analysisId, ['completed', 'failed'], 90_000);
    expect(done.status, stack.logs()).toBe('completed');
    expect(analyzer.current.lines.some((l) => l.includes(`finished ${analysisId}.mix`))).toBe(true);
  });

  it('doubles the delay after each quick crash up to the cap, and resets it after a healthy run', async () => {
    const log: string[] = [];
    // Crashes at once four times, then runs long enough to count as healthy, then crashes again.
    let runs = 0;
    const crasher = superviseProcess(
      'crasher',
      () => {
        runs++;
        const script = runs === 5 ? 'setTimeout(() => process.exit(3), 600)' : 'process.exit(3)';
        return startProcess('crasher', process.execPath, ['-e', script]);
      },
      (line) => log.push(line),
      { initialDelayMs: 50, maxDelayMs: 200, healthyAfterMs: 500 },
    );
    supervised.push(crasher);
    await waitFor('six runs', async () => runs >= 6, { timeoutMs: 20_000 });
    await crasher.stop();
    const delays = log
      .filter((l) => l.includes('exited'))
      .map((l) => /restarting in (.+)$/.exec(l)?.[1]);
    expect(delays.slice(0, 5)).toEqual(['50 ms', '100 ms', '200 ms', '200 ms', '50 ms']);
    expect(log[0]).toMatch(/^crasher exited with code 3 at /);
  });
});

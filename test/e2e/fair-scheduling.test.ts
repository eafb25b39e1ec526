import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { testWav } from '../support/wav.ts';

interface Timing {
  id: string;
  team_id: string;
  created_at: Date;
  started_at: Date;
  completed_at: Date;
}

describe('fair scheduling across teams', () => {
  let stack: TestStack | undefined;
  afterAll(async () => {
    await stack?.stop();
  });

  it("starts a team's one analysis within one job's time of another team queueing twenty", async () => {
    stack = await startTestStack({ analyzers: 1 });
    const api = new ApiClient(stack.api, stack);
    const busy = await api.signup('Ari');
    const busyProject = (await api.createProject(busy)).id;
    const busyUpload = await api.upload(busy, busyProject, 'a.wav', testWav({ seconds: 6 }));
    const quiet = await api.signup('Bo');
    const quietProject = (await api.createProject(quiet)).id;
    const quietUpload = await api.upload(quiet, quietProject, 'b.wav', testWav({ seconds: 6 }));

    const busyIds: string[] = [];
    for (let i = 0; i < 20; i++)
      busyIds.push(await api.createAnalysis(busy, busyProject, { uploadId: busyUpload.id }));
    const quietId = await api.createAnalysis(quiet, quietProject, { uploadId: quietUpload.id });
    expect((await api.waitForAnalysis(quiet, quietId, undefined, 120_000)).status).toBe(
      'completed',
    );
    for (const id of busyIds)
      expect((await api.waitForAnalysis(busy, id, undefined, 120_000)).status).toBe('completed');

    const rows = await stack.query<Timing>(
      'SELECT id, team_id, created_at, started_at, completed_at FROM analyses',
    );
    const b = rows.find((r) => r.id === quietId)!;
    const others = rows.filter((r) => r.id !== quietId);
    // With one analyzer running one job at a time, "within one job's time" means that no more
    // than the job already picked up when B arrived starts between B's submission and its start.
    const startedAhead = others.filter(
      (r) => r.started_at > b.created_at && r.started_at < b.started_at,
    );
    const longestJobMs = Math.max(
      ...others.map((r) => r.completed_at.getTime() - r.started_at.getTime()),
    );
    console.log(
      `B waited ${b.started_at.getTime() - b.created_at.getTime()} ms; ${startedAhead.length} of A's analyses started meanwhile; one A job takes at most ${longestJobMs} ms`,
    );
    expect(startedAhead.length, stack.logs()).toBeLessThanOrEqual(1);
  });
});

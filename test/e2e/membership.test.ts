import type { InviteResponse } from '@mixscope/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Account } from '../support/api.ts';
import { SocketRecorder } from '../support/socket.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { testWav } from '../support/wav.ts';

// A membership that ends is in force on open sockets at once, whichever gateway instance holds them.
describe('membership changes on open sockets', () => {
  let stack: TestStack;
  let api: ApiClient;
  let secondBase: string;
  let alice: Account;
  let bob: Account;
  let projectId: string;
  const sockets: SocketRecorder[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ analyzers: 1 });
    secondBase = (await stack.startExtraGateway()).baseUrl;
    api = new ApiClient(stack.api, stack);
    [alice, bob] = [await api.signup('Alice'), await api.signup('Bob')];
    projectId = (await api.createProject(alice)).id;
    const invite = await api.post<InviteResponse>(
      `/teams/${alice.teamId}/invites`,
      { email: bob.email },
      alice.token,
    );
    expect(invite.status).toBe(201);
    const accepted = await api.post(`/invites/${invite.body.token}/accept`, {}, bob.token);
    expect(accepted.status).toBe(200);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await stack?.stop();
  });

  const connect = async (base: string, account: Account) => {
    const recorder = await SocketRecorder.connect(base, { token: account.token });
    sockets.push(recorder);
    return recorder;
  };

  it('a removed member receives no further event of the team; the others still do', async () => {
    const upload = await api.upload(alice, projectId, 'mix.wav', testWav({ seconds: 30 }));
    const first = await api.createAnalysis(alice, projectId, { uploadId: upload.id });
    // Alice on the first instance; Bob on the second, subscribed and in the team's room only.
    const aliceSocket = await connect(stack.baseUrl, alice);
    const bobSubscribed = await connect(secondBase, bob);
    const bobTeamOnly = await connect(secondBase, bob);
    expect(await aliceSocket.subscribe(first)).toEqual({ ok: true });
    expect(await bobSubscribed.subscribe(first)).toEqual({ ok: true });
    // Both hear the analysis while Bob is a member.
    await aliceSocket.waitFor(first, 'analysis.progress');
    await bobSubscribed.waitFor(first, 'analysis.progress');
    await bobTeamOnly.waitFor(first, 'analysis.progress');

    // Answered by the first instance; Bob's sockets live on the second.
    const removed = await api.request('DELETE', `/teams/${alice.teamId}/members/${bob.userId}`, {
      token: alice.token,
    });
    expect(removed.status).toBe(204);
    const heardBefore = [bobSubscribed, bobTeamOnly].map((s) => s.events.length);

    const second = await api.createAnalysis(alice, projectId, { uploadId: upload.id });
    for (const id of [first, second]) await aliceSocket.waitFor(id, 'analysis.completed', 120_000);
    await new Promise((r) => setTimeout(r, 1_000));

    for (const [i, socket] of [bobSubscribed, bobTeamOnly].entries()) {
      const after = socket.events.slice(heardBefore[i]);
      // Events sent before the removal may still have been on the wire; nothing after it arrives.
      expect(
        after.filter((e) => e.event !== 'analysis.progress'),
        `socket ${i}`,
      ).toEqual([]);
      expect(after.filter((e) => e.payload.analysisId === second)).toEqual([]);
      expect(socket.socket.connected).toBe(true);
    }
    expect(aliceSocket.for(second).some((e) => e.event === 'analysis.progress')).toBe(true);
    // Nor can he subscribe again.
    expect((await bobSubscribed.subscribe(first)).ok).toBe(false);
  });

  it('refuses to remove the last owner, and a member who is not an owner cannot remove others', async () => {
    const lastOwner = await api.request(
      'DELETE',
      `/teams/${alice.teamId}/members/${alice.userId}`,
      {
        token: alice.token,
      },
    );
    expect(lastOwner.status).toBe(409);
    const outsider = await api.request('DELETE', `/teams/${alice.teamId}/members/${alice.userId}`, {
      token: bob.token,
    });
    expect(outsider.status).toBe(404);
  });
});

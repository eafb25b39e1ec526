import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  AUDIO_URL_TTL_SEC,
  COMMENT_BODY_MAX_CHARS,
  WAVEFORM_DETAIL_POINTS_PER_SEC,
  WAVEFORM_OVERVIEW_POINTS,
  type AnalysisDto,
  type AudioUrlResponse,
  type CommentDto,
  type WaveformDto,
} from '@mixscope/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../infra/local/local-stack.ts';
import { ApiClient, type Account } from '../support/api.ts';
import { SocketRecorder } from '../support/socket.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { testWav } from '../support/wav.ts';

const DAY_MS = 24 * 3600 * 1000;

// The studio routes: a track's waveform, playback of its original file, and timestamped comments.
describe('waveform, playback and comments', () => {
  let stack: TestStack;
  let api: ApiClient;
  /** Alice owns the team, Bob is a member of it, Carol is in another team. */
  let alice: Account;
  let bob: Account;
  let carol: Account;
  let projectId: string;
  const mixWav = testWav({ seconds: 4 });
  const referenceWav = testWav({ seconds: 3, rootHz: 330 });
  /** With a reference. */
  let withReference: AnalysisDto;
  /** Without one. */
  let mixOnly: string;
  let mixUploadId: string;

  beforeAll(async () => {
    stack = await startTestStack({
      analyzers: 1,
      // Retention runs for real: one upload is aged past it to test the 410.
      gatewayEnv: { AUDIO_RETENTION_DAYS: '2', RETENTION_SWEEP_INTERVAL_MS: '300' },
    });
    api = new ApiClient(stack.api, stack);
    [alice, bob, carol] = [
      await api.signup('Alice'),
      await api.signup('Bob'),
      await api.signup('Carol'),
    ];
    const invite = await api.post<{ token: string }>(
      `/teams/${alice.teamId}/invites`,
      { email: bob.email },
      alice.token,
    );
    expect((await api.post(`/invites/${invite.body.token}/accept`, {}, bob.token)).status).toBe(
      200,
    );
    projectId = (await api.createProject(alice, 'Studio EP')).id;
    mixUploadId = (await api.upload(alice, projectId, 'Mix "v3" é.wav', mixWav)).id;
    const referenceUploadId = (await api.upload(alice, projectId, 'ref.wav', referenceWav)).id;
    const first = await api.createAnalysis(alice, projectId, {
      uploadId: mixUploadId,
      referenceUploadId,
    });
    mixOnly = await api.createAnalysis(alice, projectId, { uploadId: mixUploadId });
    withReference = await api.waitForAnalysis(alice, first);
    expect(withReference.status, stack.logs()).toBe('completed');
    expect((await api.waitForAnalysis(alice, mixOnly)).status).toBe('completed');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const waveform = (account: Account, query: string, analysisId = withReference.id) =>
    api.get<WaveformDto>(`/analyses/${analysisId}/waveform${query}`, account.token);
  const audioUrl = (account: Account, query: string, analysisId = withReference.id) =>
    api.get<AudioUrlResponse>(`/analyses/${analysisId}/audio${query}`, account.token);
  const comment = (
    account: Account,
    body: Record<string, unknown>,
    analysisId = withReference.id,
  ) => api.post<CommentDto>(`/analyses/${analysisId}/comments`, body, account.token);
  const comments = async (analysisId = withReference.id) => {
    const res = await api.get<CommentDto[]>(`/analyses/${analysisId}/comments`, alice.token);
    expect(res.status).toBe(200);
    return res.body;
  };
  const patch = (account: Account, id: string, body: Record<string, unknown>) =>
    api.request<CommentDto>('PATCH', `/comments/${id}`, { token: account.token, body });

  describe('waveform', () => {
    it('serves the overview by default and the detail level on ?detail=1, for each track', async () => {
      const overview = await waveform(alice, '?track=mix');
      expect(overview.status).toBe(200);
      expect(overview.body.channels).toHaveLength(2);
      expect(overview.body.durationSec).toBeCloseTo(4, 3);
      expect(overview.body.pointsPerSecond * overview.body.durationSec).toBeCloseTo(
        WAVEFORM_OVERVIEW_POINTS,
        6,
      );
      for (const channel of overview.body.channels) {
        expect(channel.min).toHaveLength(WAVEFORM_OVERVIEW_POINTS);
        expect(channel.max).toHaveLength(WAVEFORM_OVERVIEW_POINTS);
      }
      // The envelope's extremes are the mix's measured sample peaks.
      const peaks = withReference.result!.loudness.samplePeakPerChannelDbfs;
      overview.body.channels.forEach((channel, i) => {
        const peak = Math.max(...channel.max, ...channel.min.map((v) => -v));
        expect(peak).toBeCloseTo(10 ** (peaks[i]! / 20), 3);
      });
      expect((await waveform(alice, '')).body).toEqual(overview.body);

      const detail = await waveform(bob, '?track=mix&detail=1');
      expect(detail.status).toBe(200);
      expect(detail.body.pointsPerSecond).toBe(WAVEFORM_DETAIL_POINTS_PER_SEC);
      expect(detail.body.channels[0].max).toHaveLength(4 * WAVEFORM_DETAIL_POINTS_PER_SEC);

      const reference = await waveform(alice, '?track=reference&detail=1');
      expect(reference.status).toBe(200);
      expect(reference.body.durationSec).toBeCloseTo(3, 3);
      expect(reference.body.channels[1].min).toHaveLength(3 * WAVEFORM_DETAIL_POINTS_PER_SEC);
    });

    it('keeps the waveform out of the analysis document', async () => {
      const analysis = await api.get<AnalysisDto>(`/analyses/${withReference.id}`, alice.token);
      expect(JSON.stringify(analysis.body)).not.toContain('pointsPerSecond');
    });

    it('answers 400 to a bad track or level, 404 to a missing track or another team', async () => {
      const badTrack = await waveform(alice, '?track=vocals');
      expect(badTrack.status).toBe(400);
      expect(JSON.stringify(badTrack.body)).toContain('track must be one of: mix, reference');
      const badLevel = await waveform(alice, '?detail=yes');
      expect(badLevel.status).toBe(400);
      expect(JSON.stringify(badLevel.body)).toContain('detail must be 1');

      const noReference = await waveform(alice, '?track=reference', mixOnly);
      expect(noReference.status).toBe(404);
      expect(noReference.body).toMatchObject({ message: 'This analysis has no reference track' });

      expect((await waveform(carol, '?track=mix')).status).toBe(404);
      expect((await waveform(carol, '?track=reference&detail=1')).status).toBe(404);
    });

    it('answers 404 with a reason for a track measured before waveforms were stored', async () => {
      const { id } = await api.upload(alice, projectId, 'older.wav', mixWav);
      const older = await api.createAnalysis(alice, projectId, { uploadId: id });
      expect((await api.waitForAnalysis(alice, older)).status).toBe('completed');
      await stack.query('UPDATE track_results SET waveform = NULL WHERE analysis_id = $1', [older]);
      const res = await waveform(alice, '?track=mix', older);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({
        message:
          'No waveform is stored for the mix of this analysis (it was measured before waveforms were kept)',
      });
    });
  });

  describe('audio', () => {
    it('presigns a GET of the original upload that plays with Range requests', async () => {
      const before = Date.now();
      const res = await audioUrl(bob, '?track=mix');
      expect(res.status).toBe(200);
      const expiresAt = new Date(res.body.expiresAt).getTime();
      expect(expiresAt).toBeGreaterThan(before);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + AUDIO_URL_TTL_SEC * 1000);
      const url = new URL(res.body.url);
      expect(Number(url.searchParams.get('X-Amz-Expires'))).toBe(AUDIO_URL_TTL_SEC);

      const ranged = await fetch(url, { headers: { Range: 'bytes=1000-1999' } });
      const bytes = Buffer.from(await ranged.arrayBuffer());
      expect(ranged.status, bytes.toString().slice(0, 500)).toBe(206);
      expect(bytes.length).toBe(1000);
      expect(bytes.equals(mixWav.subarray(1000, 2000))).toBe(true);
      expect(ranged.headers.get('content-range')).toBe(`bytes 1000-1999/${mixWav.length}`);
      expect(ranged.headers.get('content-type')).toBe('audio/wav');
      expect(ranged.headers.get('content-disposition')).toBe(
        `inline; filename="Mix _v3_ _.wav"; filename*=UTF-8''Mix%20%22v3%22%20%C3%A9.wav`,
      );

      const reference = await audioUrl(alice, '?track=reference');
      const whole = await fetch(reference.body.url);
      expect(whole.status).toBe(200);
      expect(Buffer.from(await whole.arrayBuffer()).equals(referenceWav)).toBe(true);
    });

    it('answers 403 from the store to a tampered or expired URL', async () => {
      const { url } = (await audioUrl(alice, '?track=mix')).body;
      const signed = new URL(url);

      // Another object under the same signature.
      const reference = new URL((await audioUrl(alice, '?track=reference')).body.url);
      const swapped = new URL(signed);
      swapped.pathname = reference.pathname;
      // A longer life than was signed.
      const extended = new URL(signed);
      extended.searchParams.set('X-Amz-Expires', String(7 * 24 * 3600));
      // A changed response header.
      const retyped = new URL(signed);
      retyped.searchParams.set('response-content-type', 'text/html');
      for (const tampered of [swapped, extended, retyped]) {
        const response = await fetch(tampered);
        expect(response.status, tampered.search).toBe(403);
        expect(await response.text()).toContain('SignatureDoesNotMatch');
      }

      // The same GET signed correctly, but eleven minutes ago with the route's lifetime.
      const s3 = stack.s3Client();
      try {
        const key = decodeURIComponent(signed.pathname.split('/').slice(2).join('/'));
        const expired = await getSignedUrl(
          s3,
          new GetObjectCommand({ Bucket: stack.bucket, Key: key }),
          { expiresIn: AUDIO_URL_TTL_SEC, signingDate: new Date(Date.now() - 11 * 60_000) },
        );
        const response = await fetch(expired);
        expect(response.status).toBe(403);
        expect(await response.text()).toContain('Request has expired');
      } finally {
        s3.destroy();
      }
    });

    it('answers 400 to a bad track, 404 to a missing track or another team', async () => {
      const bad = await audioUrl(alice, '?track=stems');
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('track must be one of: mix, reference');
      const noReference = await audioUrl(alice, '?track=reference', mixOnly);
      expect(noReference.status).toBe(404);
      expect(noReference.body).toMatchObject({ message: 'This analysis has no reference track' });
      const other = await audioUrl(carol, '?track=mix');
      expect(other.status).toBe(404);
      expect(JSON.stringify(other.body)).not.toContain('X-Amz');
    });
  });

  describe('comments', () => {
    it('creates comments and threads replies, and lists them in time order', async () => {
      const late = await comment(alice, { body: '  Vocal too loud here  ', atSec: 2.5 });
      expect(late.status).toBe(201);
      expect(late.body).toEqual({
        id: expect.any(String),
        analysisId: withReference.id,
        author: { id: alice.userId, name: 'Alice' },
        body: 'Vocal too loud here',
        atSec: 2.5,
        endSec: null,
        parentId: null,
        resolved: false,
        createdAt: expect.any(String),
      });
      const early = await comment(bob, { body: 'Kick is muddy', atSec: 0.5, endSec: 1.25 });
      expect(early.status).toBe(201);
      expect(early.body).toMatchObject({ atSec: 0.5, endSec: 1.25, author: { name: 'Bob' } });

      const reply = await comment(bob, { body: 'Agreed', atSec: 2.5, parentId: late.body.id });
      expect(reply.status).toBe(201);
      expect(reply.body.parentId).toBe(late.body.id);
      // Threads are one level deep: a reply to the reply joins the same thread.
      const nested = await comment(alice, { body: 'Fixed', atSec: 2.5, parentId: reply.body.id });
      expect(nested.status).toBe(201);
      expect(nested.body.parentId).toBe(late.body.id);

      const atEnd = await comment(alice, { body: 'x'.repeat(COMMENT_BODY_MAX_CHARS), atSec: 4 });
      expect(atEnd.status).toBe(201);

      expect((await comments()).map((c) => c.id)).toEqual([
        early.body.id,
        late.body.id,
        reply.body.id,
        nested.body.id,
        atEnd.body.id,
      ]);
      expect(await comments(mixOnly)).toEqual([]);
    });

    it('refuses bad comments with 400 and a message saying what is wrong', async () => {
      const other = await comment(alice, { body: 'On the other analysis', atSec: 1 }, mixOnly);
      expect(other.status).toBe(201);
      const cases: [Record<string, unknown>, string][] = [
        [{ body: '', atSec: 1 }, 'body must not be empty'],
        [{ body: '   ', atSec: 1 }, 'body must not be empty'],
        [{ atSec: 1 }, 'body must be a string'],
        [{ body: 'x'.repeat(COMMENT_BODY_MAX_CHARS + 1), atSec: 1 }, 'body must be shorter'],
        [{ body: 'hi' }, 'atSec must be a number of seconds'],
        [{ body: 'hi', atSec: '1' }, 'atSec must be a number of seconds'],
        [{ body: 'hi', atSec: -0.5 }, 'atSec must not be negative'],
        [{ body: 'hi', atSec: 4.5 }, 'atSec must lie within the mix'],
        [{ body: 'hi', atSec: 2, endSec: 2 }, 'endSec must be after atSec'],
        [{ body: 'hi', atSec: 2, endSec: 4.01 }, 'endSec must be after atSec and within the mix'],
        [{ body: 'hi', atSec: 1, parentId: other.body.id }, 'parentId must be a comment of this'],
        [{ body: 'hi', atSec: 1, parentId: 'nope' }, 'parentId must be the id of a comment'],
        [{ body: 'hi', atSec: 1, authorId: bob.userId }, 'property authorId should not exist'],
      ];
      for (const [body, message] of cases) {
        const res = await comment(alice, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(JSON.stringify(res.body), JSON.stringify(body)).toContain(message);
      }
      const [first] = await comments();
      const empty = await patch(alice, first.id, {});
      expect(empty.status).toBe(400);
      expect(empty.body).toMatchObject({ message: 'Give body, resolved, or both' });
      const badResolved = await patch(alice, first.id, { resolved: 'yes' });
      expect(badResolved.status).toBe(400);
      expect(JSON.stringify(badResolved.body)).toContain('resolved must be true or false');
    });

    it('lets only the author edit, any member resolve, and the author or an owner delete', async () => {
      const mine = (await comment(alice, { body: 'Owner note', atSec: 3 })).body;
      const bobs = (await comment(bob, { body: 'Member note', atSec: 3.5 })).body;

      const edit = await patch(bob, mine.id, { body: 'Rewritten by Bob' });
      expect(edit.status).toBe(403);
      expect(edit.body).toMatchObject({ message: 'Only its author can edit a comment' });
      const resolved = await patch(bob, mine.id, { resolved: true });
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({ resolved: true, body: 'Owner note' });
      const reopened = await patch(alice, mine.id, { resolved: false, body: ' Owner note, v2 ' });
      expect(reopened.status).toBe(200);
      expect(reopened.body).toMatchObject({ resolved: false, body: 'Owner note, v2' });

      const refused = await api.delete(`/comments/${mine.id}`, bob.token);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        message: 'Only its author or a team admin or owner can delete a comment',
      });
      expect((await comments()).map((c) => c.id)).toContain(mine.id);
      // The owner deletes a member's comment; the member deletes their own.
      expect((await api.delete(`/comments/${bobs.id}`, alice.token)).status).toBe(204);
      expect((await api.delete(`/comments/${mine.id}`, alice.token)).status).toBe(204);
      const left = (await comments()).map((c) => c.id);
      expect(left).not.toContain(mine.id);
      expect(left).not.toContain(bobs.id);
      const own = (await comment(bob, { body: 'Mine to remove', atSec: 1 })).body;
      expect((await api.delete(`/comments/${own.id}`, bob.token)).status).toBe(204);
      expect((await api.delete(`/comments/${own.id}`, bob.token)).status).toBe(404);
    });

    it("answers 404 to another team's analysis and comments", async () => {
      const [target] = await comments();
      const attempts: [string, string, unknown?][] = [
        ['GET', `/analyses/${withReference.id}/comments`],
        ['POST', `/analyses/${withReference.id}/comments`, { body: 'sneaky', atSec: 1 }],
        ['PATCH', `/comments/${target.id}`, { resolved: true }],
        ['PATCH', `/comments/${target.id}`, { body: 'sneaky' }],
        ['DELETE', `/comments/${target.id}`],
        ['GET', `/analyses/${withReference.id}/waveform`],
        ['GET', `/analyses/${withReference.id}/audio`],
      ];
      for (const [method, path, body] of attempts) {
        const res = await api.request(method, path, { token: carol.token, body });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.body).toMatchObject({ message: 'Not found' });
      }
      const after = (await comments()).find((c) => c.id === target.id);
      expect(after).toEqual(target);
    });

    it('sends comment.created, .updated and .deleted to a member watching through another gateway', async () => {
      const second = await stack.startExtraGateway();
      const bobSocket = await SocketRecorder.connect(second.baseUrl, { token: bob.token });
      const carolSocket = await SocketRecorder.connect(stack.baseUrl, { token: carol.token });
      try {
        expect(await bobSocket.subscribe(withReference.id)).toEqual({ ok: true });
        expect((await carolSocket.subscribe(withReference.id)).ok).toBe(false);

        const created = (await comment(alice, { body: 'Live', atSec: 1.5 })).body;
        const live = await bobSocket.waitFor(withReference.id, 'comment.created', 10_000);
        expect(live.payload).toEqual(created);

        const resolved = (await patch(alice, created.id, { resolved: true })).body;
        const updated = await bobSocket.waitFor(withReference.id, 'comment.updated', 10_000);
        expect(updated.payload).toEqual(resolved);

        // Deleting a thread's root deletes its replies: one event for each.
        const reply = (await comment(bob, { body: 'Reply', atSec: 1.5, parentId: created.id }))
          .body;
        expect((await api.delete(`/comments/${created.id}`, alice.token)).status).toBe(204);
        await waitFor(
          'both deletions to arrive',
          async () =>
            bobSocket.for(withReference.id).filter((e) => e.event === 'comment.deleted').length ===
            2,
          { timeoutMs: 10_000 },
        );
        const deleted = bobSocket
          .for(withReference.id)
          .filter((e) => e.event === 'comment.deleted')
          .map((e) => e.payload);
        expect(deleted).toEqual([
          { analysisId: withReference.id, id: reply.id },
          { analysisId: withReference.id, id: created.id },
        ]);
        expect(carolSocket.events.filter((e) => e.event.startsWith('comment.'))).toEqual([]);
      } finally {
        bobSocket.close();
        carolSocket.close();
      }
    });
  });

  describe('before completion and after retention', () => {
    it('answers 410 for audio retention deleted, while the waveform stays', async () => {
      // An upload of its own, so aging it touches no other analysis.
      const uploadId = (await api.upload(alice, projectId, 'old.wav', mixWav)).id;
      const old = await api.createAnalysis(alice, projectId, { uploadId });
      expect((await api.waitForAnalysis(alice, old)).status).toBe('completed');
      await stack.query('UPDATE uploads SET created_at = $2 WHERE id = $1', [
        uploadId,
        new Date(Date.now() - 3 * DAY_MS),
      ]);
      await waitFor(
        'the old audio to be swept',
        async () =>
          (
            await stack.query<{ status: string }>('SELECT status FROM uploads WHERE id = $1', [
              uploadId,
            ])
          )[0].status === 'deleted',
        { timeoutMs: 15_000 },
      );
      const gone = await audioUrl(bob, '?track=mix', old);
      expect(gone.status).toBe(410);
      expect(JSON.stringify(gone.body)).toContain('deleted by the audio retention policy');
      expect((await waveform(bob, '?track=mix', old)).status).toBe(200);
      expect((await comment(bob, { body: 'Still fine', atSec: 1 }, old)).status).toBe(201);
    });

    it('answers 409 to a waveform or a comment before the analysis has completed', async () => {
      // With no analyzer running, the analysis stays queued.
      await stack.analyzers[0].stop(10_000);
      const queued = await api.createAnalysis(alice, projectId, { uploadId: mixUploadId });
      const early = await waveform(alice, '?track=mix', queued);
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({
        message: 'The analysis is queued; its waveform is there once it has completed',
      });
      const note = await comment(alice, { body: 'Too soon', atSec: 1 }, queued);
      expect(note.status).toBe(409);
      expect(note.body).toMatchObject({
        message: 'The analysis is queued; comments open once it has completed',
      });
      // Its audio can be played already.
      expect((await audioUrl(alice, '?track=mix', queued)).status).toBe(200);
    });

    it('deletes the comments with their analysis', async () => {
      const note = await comment(alice, { body: 'Goes with it', atSec: 1 }, mixOnly);
      expect(note.status).toBe(201);
      expect((await api.delete(`/analyses/${mixOnly}`, alice.token)).status).toBe(204);
      const rows = await stack.query('SELECT id FROM comments WHERE analysis_id = $1', [mixOnly]);
      expect(rows).toEqual([]);
      expect((await api.get(`/analyses/${mixOnly}/comments`, alice.token)).status).toBe(404);
    });
  });
});

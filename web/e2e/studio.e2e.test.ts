/**
 * The studio in Chromium against the stack `npm start` brings up: a mix with a clipped burst and a
 * reference are uploaded and analysed; the waveform shows the burst's markers and jumps there; the
 * browser plays the uploaded file; A/B turns the louder track down by the measured loudness
 * difference; two team members see each other's comments as they are written; a client link
 * opens without an account and answers 404 once revoked; the pages fit a 390 px phone.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contentTypeForUpload } from '@mixscope/contracts';
import { describeWith, type Requirement } from '@mixscope/test-requirements';
import {
  CLIPPED_BURST_SEC,
  ffmpegLoudness,
  makeClippedMix,
  makeTestAudio,
} from './audio-fixture.ts';
import { chromiumPath, launchBrowser, type BrowserSession } from './browser.ts';
import { signUp } from './accounts.ts';
import { startStack, type RunningStack } from './stack.ts';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'mixscope-studio-e2e-'));
const stamp = Date.now().toString(36);
const VIEWPORT = { width: 1280, height: 900 };
// Playback starts from a click, but headless Chromium must not wait for one either.
const AUDIO_FLAGS = ['--autoplay-policy=no-user-gesture-required'];

let stack: RunningStack;
let owner: BrowserSession;
let page: Page;
let mixFile = '';
let referenceFile = '';
let analysisUrl = '';
let analysisId = '';
let projectId = '';
const sessions: BrowserSession[] = [];

const emailOf = (who: string) => `${who.toLowerCase().replace(/\W+/g, '.')}.${stamp}@example.com`;

/** Calls the API from inside the page, with its session cookie. */
async function callApi(
  target: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  return target.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(`/api${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}

/**
 * Uploads a file the way the web app does (presigned PUT straight to storage, then complete) and
 * returns the upload's id. Through the API rather than the wizard, which has end-to-end runs of
 * its own.
 */
async function upload(target: Page, projectId: string, file: string): Promise<string> {
  const fileName = basename(file);
  const bytes = readFileSync(file);
  const presigned = await callApi(target, 'POST', `/projects/${projectId}/uploads`, {
    fileName,
    sizeBytes: bytes.length,
    contentType: contentTypeForUpload(fileName, ''),
  });
  expect(presigned.status).toBe(201);
  const { uploadId, url, headers } = presigned.json as {
    uploadId: string;
    url: string;
    headers: Record<string, string>;
  };
  const put = await fetch(url, { method: 'PUT', headers, body: bytes });
  expect(put.status).toBe(200);
  expect((await callApi(target, 'POST', `/uploads/${uploadId}/complete`)).status).toBe(200);
  return uploadId;
}

/** Starts an analysis of the mix (and reference) and waits on its page until it is measured. */
async function analyse(
  target: Page,
  projectId: string,
  request: { title: string; mix: string; reference?: string },
): Promise<string> {
  const uploadId = await upload(target, projectId, request.mix);
  const referenceUploadId = request.reference
    ? await upload(target, projectId, request.reference)
    : undefined;
  const created = await callApi(target, 'POST', `/projects/${projectId}/analyses`, {
    uploadId,
    ...(referenceUploadId ? { referenceUploadId } : {}),
    title: request.title,
  });
  expect(created.status).toBe(202);
  const { analysisId: id } = created.json as { analysisId: string };
  await target.goto(`${stack.baseUrl}/analyses/${id}`);
  await target.getByRole('tab', { name: 'Overview' }).waitFor({ timeout: 300_000 });
  return id;
}

/** How far an element reaches past the viewport's right edge or scrolls inside itself, in px. */
const overflowOf = (locator: Locator) =>
  locator.evaluate((node: HTMLElement) =>
    Math.max(
      0,
      Math.ceil(node.getBoundingClientRect().right - document.documentElement.clientWidth),
      node.scrollWidth - node.clientWidth,
    ),
  );

/** The README's pictures: the top of the page, where the player is. */
async function shoot(target: Page, name: string) {
  await target.waitForTimeout(300);
  await target.screenshot({ path: join(screenshots, `${name}.png`) });
}

const playheadSec = async (target: Page) =>
  Number(await target.getByTestId('playhead').getAttribute('data-time'));

async function openStudio(target: Page) {
  await target.goto(analysisUrl);
  await target.getByTestId('studio-player').waitFor({ timeout: 60_000 });
}

const chromium: Requirement = {
  what: 'Chromium',
  missing: chromiumPath()
    ? null
    : 'not found at /usr/bin/chromium, /usr/bin/chromium-browser or CHROMIUM_PATH',
  provide: 'run `apt-get install -y chromium`, or set CHROMIUM_PATH',
};

describeWith(chromium, 'the studio in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    mixFile = makeClippedMix(work);
    referenceFile = makeTestAudio(work).reference;
    stack = await startStack(join(work, 'stack.log'));
    owner = await launchBrowser({ ...VIEWPORT, args: AUDIO_FLAGS });
    page = await owner.context.newPage();

    await signUp(page, stack, 'Robin Studio', `Studio Team ${stamp}`, emailOf('Robin Studio'));
    const me = (await callApi(page, 'GET', '/me')).json as { teams: { id: string }[] };
    const project = await callApi(page, 'POST', `/teams/${me.teams[0].id}/projects`, {
      name: 'Single — studio check',
    });
    expect(project.status).toBe(201);
    projectId = (project.json as { id: string }).id;
    analysisId = await analyse(page, projectId, {
      title: 'Clipped mix',
      mix: mixFile,
      reference: referenceFile,
    });
    analysisUrl = `${stack.baseUrl}/analyses/${analysisId}`;
  });

  afterAll(async () => {
    for (const session of sessions) await session.close();
    await owner?.close();
    await stack?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('draws the waveform with the burst’s issue markers, and a marker moves the playhead there', async () => {
    await openStudio(page);
    const waveform = page.getByTestId('waveform');
    await expect.poll(() => waveform.getByText('Loading the waveform…').count()).toBe(0);
    // Something was painted on the canvas: pixels that are not transparent.
    await expect
      .poll(() =>
        waveform.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
          const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
          let painted = 0;
          for (let i = 3; i < data.data.length; i += 4) if (data.data[i] > 0) painted++;
          return painted;
        }),
      )
      .toBeGreaterThan(1000);

    const markers = page.getByTestId('issue-marker');
    const codes = await markers.evaluateAll((nodes) =>
      nodes.map((node) => [node.getAttribute('data-code'), Number(node.getAttribute('data-at'))]),
    );
    expect(codes.map(([code]) => code).sort()).toEqual(['clipping', 'true-peak-over']);
    for (const [, at] of codes) expect(Math.abs(Number(at) - CLIPPED_BURST_SEC)).toBeLessThan(0.1);

    // Zoomed in closer than the overview resolves, the detail level is drawn.
    const player = page.getByTestId('studio-player');
    expect(await player.getAttribute('data-detail')).toBe('overview');
    const detail = page.waitForResponse((r) => r.url().includes('/waveform?track=mix&detail=1'));
    await page.getByRole('button', { name: 'Zoom in' }).click();
    expect((await detail).status()).toBe(200);
    await expect.poll(() => player.getAttribute('data-detail')).toBe('detail');
    await page.getByRole('button', { name: 'Fit' }).click();

    expect(await playheadSec(page)).toBe(0);
    await page.locator('[data-testid=issue-marker][data-code=clipping]').click();
    await expect.poll(() => playheadSec(page)).toBeGreaterThanOrEqual(CLIPPED_BURST_SEC - 0.1);
    // It jumped there and plays from there.
    await expect.poll(() => playheadSec(page)).toBeGreaterThan(CLIPPED_BURST_SEC + 0.2);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const left = await page
      .getByTestId('playhead')
      .evaluate((node: HTMLElement) => parseFloat(node.style.left));
    expect(left).toBeGreaterThan(39);
    expect(left).toBeLessThan(50);
  });

  it('plays the uploaded file from storage: the audio clock advances', async () => {
    await openStudio(page);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => playheadSec(page), { timeout: 30_000 }).toBeGreaterThan(1.5);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const paused = await playheadSec(page);
    // Arrow keys seek from where it stopped.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => playheadSec(page)).toBeCloseTo(paused + 5, 1);
  });

  it('A/B turns the louder track down by the measured loudness difference', async () => {
    const analysis = (await callApi(page, 'GET', `/analyses/${analysisId}`)).json as {
      result: {
        loudness: { integratedLufs: number };
        reference: { loudness: { integratedLufs: number } };
      };
    };
    const measured =
      analysis.result.loudness.integratedLufs - analysis.result.reference.loudness.integratedLufs;
    // ffmpeg prints its figures to 0.1, so its difference may be 0.1 off on rounding alone.
    const byFfmpeg =
      ffmpegLoudness(mixFile).integratedLufs - ffmpegLoudness(referenceFile).integratedLufs;
    expect(Math.abs(measured - byFfmpeg)).toBeLessThanOrEqual(0.2);

    await openStudio(page);
    await page.keyboard.press('Space');
    await expect.poll(() => playheadSec(page), { timeout: 30_000 }).toBeGreaterThan(1);

    // The gains as the Web Audio gain nodes hold them.
    const gainOf = async (track: string) =>
      Number(await page.locator(`button[data-track=${track}]`).getAttribute('data-gain-db'));
    const louder = measured > 0 ? 'mix' : 'reference';
    const quieter = louder === 'mix' ? 'reference' : 'mix';
    expect(Math.abs((await gainOf(louder)) + Math.abs(measured))).toBeLessThanOrEqual(0.1);
    expect(await gainOf(quieter)).toBe(0);

    const status = page.getByTestId('ab-status');
    expect(await status.getAttribute('data-active-track')).toBe('mix');
    const before = await playheadSec(page);
    await page.keyboard.press('b');
    await expect.poll(() => status.getAttribute('data-active-track')).toBe('reference');
    expect(await status.textContent()).toMatch(/^Reference (−\d+\.\d|0\.0) dB \(matched\)$/);
    expect(Number(await status.getAttribute('data-gain-db'))).toBeCloseTo(
      await gainOf('reference'),
      3,
    );
    // The switch keeps the position: the reference carries on from where the mix was.
    expect(await playheadSec(page)).toBeGreaterThanOrEqual(before);
    await page.keyboard.press('Space');
    await shoot(page, 'studio-ab');
    await page.keyboard.press('a');
    await expect.poll(() => status.getAttribute('data-active-track')).toBe('mix');
  });

  it('A/B between two revisions of the project, loudness-matched the same way', async () => {
    type Measured = { result: { loudness: { integratedLufs: number } } };
    const first = (await callApi(page, 'GET', `/analyses/${analysisId}`)).json as Measured;
    const secondId = await analyse(page, projectId, {
      title: 'Brighter revision',
      mix: referenceFile,
    });
    const second = (await callApi(page, 'GET', `/analyses/${secondId}`)).json as Measured;

    await page.goto(`${stack.baseUrl}/projects/${projectId}`);
    await page.getByLabel('Compare Clipped mix').check();
    await page.getByLabel('Compare Brighter revision').check();
    await page.getByRole('link', { name: 'A/B these revisions' }).click();
    await page.waitForURL('**/ab?*');
    await page.getByTestId('studio-player').waitFor();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => playheadSec(page), { timeout: 30_000 }).toBeGreaterThan(0.5);

    const difference = first.result.loudness.integratedLufs - second.result.loudness.integratedLufs;
    const gainOf = async (id: string) =>
      Number(await page.locator(`button[data-track="${id}"]`).getAttribute('data-gain-db'));
    const [louder, quieter] = difference > 0 ? [analysisId, secondId] : [secondId, analysisId];
    expect(Math.abs((await gainOf(louder)) + Math.abs(difference))).toBeLessThanOrEqual(0.1);
    expect(await gainOf(quieter)).toBe(0);
    await page.keyboard.press('b');
    await expect
      .poll(() => page.getByTestId('ab-status').textContent())
      .toMatch(/^#2 Brighter revision (−\d+\.\d|0\.0) dB \(matched\)$/);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
  });

  it('two members of the team see each other’s comments as they are written', async () => {
    const me = (await callApi(page, 'GET', '/me')).json as { teams: { id: string }[] };
    const invite = await callApi(page, 'POST', `/teams/${me.teams[0].id}/invites`, {
      email: emailOf('Sam Second'),
      role: 'member',
    });
    expect(invite.status).toBe(201);
    const { token } = invite.json as { token: string };

    const second = await launchBrowser({ ...VIEWPORT, args: AUDIO_FLAGS });
    sessions.push(second);
    const sam = await second.context.newPage();
    await signUp(sam, stack, 'Sam Second', `Sam Own Team ${stamp}`, emailOf('Sam Second'));
    await sam.goto(`${stack.baseUrl}/invites/${token}`);
    await sam.waitForURL('**/projects');

    await openStudio(page);
    await openStudio(sam);
    // Both are in the analysis' room, so what follows can only arrive as a live event.
    for (const member of [page, sam])
      await member.locator('section[aria-label=Comments][data-live=true]').waitFor();

    // Ten seconds in, the comment goes where the playhead is.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.getByLabel('Comment at 0:10.0').fill('Kick is too loud in the drop');
    await page.getByRole('button', { name: 'Comment at 0:10.0', exact: true }).click();
    const samsList = sam.getByRole('region', { name: 'Comments' });
    await samsList.getByText('Kick is too loud in the drop').waitFor({ timeout: 15_000 });
    await expect.poll(() => sam.getByTestId('comment-marker').count()).toBe(1);
    expect(await sam.getByTestId('comment-marker').getAttribute('data-at')).toBe('10');

    const thread = samsList.getByTestId('comment').filter({ hasText: 'Kick is too loud' });
    await thread.getByRole('button', { name: 'Reply' }).click();
    await samsList.getByLabel('Reply').fill('Agreed, pulling it down 1.5 dB');
    await samsList.getByRole('button', { name: 'Reply', exact: true }).last().click();
    const replies = page.getByRole('list', { name: 'Replies to Robin Studio' });
    await replies.getByText('Agreed, pulling it down 1.5 dB').waitFor({ timeout: 15_000 });

    // Sam may not edit or delete the owner's comment; the owner resolves it, live for Sam.
    expect(await thread.first().getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await page
      .getByTestId('comment')
      .filter({ hasText: 'Kick is too loud' })
      .getByRole('button', { name: 'Resolve' })
      .click();
    await thread.first().getByText('Resolved').waitFor({ timeout: 15_000 });
    await shoot(page, 'studio-waveform-comments');

    // The Markdown export carries the thread.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export Markdown' }).click(),
    ]);
    const markdown = readFileSync((await download.path())!, 'utf8');
    const comments = markdown.slice(markdown.indexOf('## Comments'));
    expect(comments).toMatch(/Robin Studio \(resolved\): Kick is too loud in the drop/);
    expect(comments).toContain('↳ Sam Second: Agreed, pulling it down 1.5 dB');
  });

  it('a client link opens without an account, and answers 404 once revoked', async () => {
    const created = await callApi(page, 'POST', `/analyses/${analysisId}/shares`, {
      expiresInHours: 24,
    });
    expect(created.status).toBe(201);
    const share = created.json as { id: string; token: string; url: string };

    const client = await launchBrowser({ width: 390, height: 844, args: AUDIO_FLAGS });
    sessions.push(client);
    const visitor = await client.context.newPage();
    await visitor.goto(`${stack.baseUrl}/shared/${share.token}`);
    await visitor.getByTestId('studio-player').waitFor({ timeout: 30_000 });
    expect(new URL(visitor.url()).pathname).toBe(`/shared/${share.token}`);
    await expect.poll(() => visitor.getByTestId('issue-marker').count()).toBeGreaterThan(0);
    expect(await visitor.locator('[data-metric="integratedLufs"]').count()).toBe(1);
    expect(await visitor.getByRole('textbox').count()).toBe(0);
    await visitor.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => playheadSec(visitor), { timeout: 30_000 }).toBeGreaterThan(0.5);
    expect(await overflowOf(visitor.getByTestId('studio-player'))).toBe(0);
    await visitor.getByRole('button', { name: 'Pause', exact: true }).click();
    await shoot(visitor, 'shared-page');

    // Made without comments, it shows none.
    expect(await visitor.getByRole('region', { name: 'Comments' }).count()).toBe(0);

    expect((await callApi(page, 'DELETE', `/shares/${share.id}`)).status).toBeLessThan(300);
    await visitor.reload();
    await visitor.getByRole('heading', { name: 'This link does not work' }).waitFor();
    expect((await callApi(visitor, 'GET', `/shared/${share.token}`)).status).toBe(404);
    expect((await callApi(visitor, 'GET', `/shared/${share.token}/audio?track=mix`)).status).toBe(
      404,
    );
  });

  it('a client link made with the comments lists them, with no way to write', async () => {
    const created = await callApi(page, 'POST', `/analyses/${analysisId}/shares`, {
      expiresInHours: 1,
      includeComments: true,
    });
    expect(created.status).toBe(201);
    const { token } = created.json as { token: string };
    const client = await launchBrowser({ ...VIEWPORT, args: AUDIO_FLAGS });
    sessions.push(client);
    const reader = await client.context.newPage();
    await reader.goto(`${stack.baseUrl}/shared/${token}`);
    await reader.getByTestId('studio-player').waitFor({ timeout: 30_000 });
    const list = reader.getByRole('region', { name: 'Comments' });
    await list.getByText('Kick is too loud in the drop').waitFor();
    await list.getByText('Agreed, pulling it down 1.5 dB').waitFor();
    expect(await reader.getByTestId('comment-marker').count()).toBe(1);
    expect(
      await list.getByRole('button', { name: /Reply|Resolve|Reopen|Edit|Delete/ }).count(),
    ).toBe(0);
    expect(await reader.getByRole('textbox').count()).toBe(0);
  });

  it('the player and its comments fit a 390 px phone', async () => {
    const phone = await launchBrowser({ width: 390, height: 844 });
    sessions.push(phone);
    const small = await phone.context.newPage();
    await phone.context.addCookies(await owner.context.cookies());
    await small.goto(analysisUrl);
    await small.getByTestId('studio-player').waitFor({ timeout: 60_000 });
    await small.getByTestId('comment').first().waitFor();
    expect(await overflowOf(small.getByTestId('studio-player'))).toBe(0);
  });
});

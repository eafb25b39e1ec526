/**
 * Team roles in Chromium against the stack `npm start` brings up: an owner invites a viewer from
 * the team page, the invitation arrives through the local mail sink, the viewer signs up from its
 * link into the owner's team, and then finds no upload, new-project or delete control while the
 * API answers those calls 403.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, type Requirement } from '@mixscope/test-requirements';
import { E2E_PASSWORD, mailedLink, signUp } from './accounts.ts';
import { makeTestAudio } from './audio-fixture.ts';
import { chromiumPath, launchBrowser, type BrowserSession } from './browser.ts';
import { startStack, type RunningStack } from './stack.ts';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'mixscope-roles-e2e-'));
const stamp = Date.now().toString(36);
const password = E2E_PASSWORD;
const ownerEmail = `olga.${stamp}@example.com`;
const viewerEmail = `vic.${stamp}@example.com`;

let stack: RunningStack;
let ownerBrowser: BrowserSession;
let viewerBrowser: BrowserSession;
let owner: Page;
let viewer: Page;
let ownerToken = '';
let teamId = '';
let projectId = '';
let uploadId = '';
let analysisId = '';
let inviteLink = '';

const chromium: Requirement = {
  what: 'Chromium',
  missing: chromiumPath()
    ? null
    : 'not found at /usr/bin/chromium, /usr/bin/chromium-browser or CHROMIUM_PATH',
  provide: 'run `apt-get install -y chromium`, or set CHROMIUM_PATH',
};
const stackLog: Requirement = {
  what: "the stack's log (where the local mail sink prints invitation links)",
  missing:
    process.env.E2E_BASE_URL && !process.env.E2E_STACK_LOG
      ? 'E2E_BASE_URL is set without E2E_STACK_LOG'
      : null,
  provide: 'set E2E_STACK_LOG to the file the running stack writes its output to',
};

/** The owner's API, from Node with a Bearer token: the fixture the browsers then look at. */
async function ownerApi<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${stack.baseUrl}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ownerToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** What the gateway answers the signed-in page (its session cookie) for a call. */
const statusFrom = (page: Page, method: string, path: string, body?: unknown) =>
  page.evaluate(
    async ([m, p, b]) => {
      const response = await fetch(`/api${p}`, {
        method: m,
        headers: b === undefined ? {} : { 'content-type': 'application/json' },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: response.status, body: (await response.json()) as { message: string } };
    },
    [method, path, body] as const,
  );

describeWith([chromium, stackLog], 'team roles in Chromium', () => {
  beforeAll(async () => {
    const audio = makeTestAudio(work);
    stack = await startStack(join(work, 'stack.log'));
    ownerBrowser = await launchBrowser({ width: 1280, height: 800 });
    viewerBrowser = await launchBrowser({ width: 1280, height: 800 });
    owner = await ownerBrowser.context.newPage();
    viewer = await viewerBrowser.context.newPage();

    await signUp(owner, stack, 'Olga', `Olga Studio ${stamp}`, ownerEmail);

    // A completed analysis in the owner's team, made through the API.
    const login = await fetch(`${stack.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ownerEmail, password }),
    });
    ownerToken = ((await login.json()) as { accessToken: string }).accessToken;
    teamId = (await ownerApi<{ teams: { id: string }[] }>('GET', '/me')).teams[0].id;
    projectId = (
      await ownerApi<{ id: string }>('POST', `/teams/${teamId}/projects`, { name: 'EP' })
    ).id;
    const bytes = readFileSync(audio.mix);
    const presigned = await ownerApi<{
      uploadId: string;
      url: string;
      headers: Record<string, string>;
    }>('POST', `/projects/${projectId}/uploads`, {
      fileName: 'mix.wav',
      sizeBytes: bytes.length,
      contentType: 'audio/wav',
    });
    const put = await fetch(presigned.url, {
      method: 'PUT',
      headers: presigned.headers,
      body: bytes,
    });
    expect(put.status).toBe(200);
    uploadId = presigned.uploadId;
    await ownerApi('POST', `/uploads/${uploadId}/complete`, {});
    analysisId = (
      await ownerApi<{ analysisId: string }>('POST', `/projects/${projectId}/analyses`, {
        uploadId,
      })
    ).analysisId;
    const deadline = Date.now() + 180_000;
    let status = '';
    while (status !== 'completed' && status !== 'failed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      status = (await ownerApi<{ status: string }>('GET', `/analyses/${analysisId}`)).status;
    }
    if (status !== 'completed') throw new Error(`the fixture analysis is ${status}`);
  });

  afterAll(async () => {
    await ownerBrowser?.close();
    await viewerBrowser?.close();
    await stack?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('an owner invites a viewer from the team page, and the mail carries the link', async () => {
    await owner.goto(`${stack.baseUrl}/team`);
    await owner.getByLabel('Invite by email').fill(viewerEmail);
    await owner.getByRole('combobox', { name: 'Invite as' }).selectOption('viewer');
    await owner.getByRole('button', { name: 'Send invitation' }).click();
    await owner
      .getByRole('status')
      .filter({ hasText: `Invitation mailed to ${viewerEmail}` })
      .waitFor();
    await owner.getByRole('list', { name: 'Pending invitations' }).getByText(viewerEmail).waitFor();
    await expect
      .poll(() => mailedLink(stack, viewerEmail, '/invites/'), { timeout: 30_000 })
      .toMatch(/\/invites\//);
    inviteLink = mailedLink(stack, viewerEmail, '/invites/')!;
    expect(inviteLink.startsWith(`${stack.baseUrl}/invites/`)).toBe(true);
  });

  it('the viewer signs up from the link into the team, founding none of their own', async () => {
    await viewer.goto(inviteLink);
    await viewer.getByRole('link', { name: 'Sign up' }).click();
    await viewer.getByRole('heading', { name: 'Create your account to join the team' }).waitFor();
    expect(await viewer.locator('input[name=teamName]').count()).toBe(0);
    await viewer.fill('input[name=name]', 'Vic');
    await viewer.fill('input[name=email]', viewerEmail);
    await viewer.fill('input[name=password]', password);
    await viewer.getByRole('button', { name: 'Sign up' }).click();
    await viewer.waitForURL('**/projects');
    await viewer.getByText(`Every mix of Olga Studio ${stamp}`).waitFor();
    const me = await viewer.evaluate(async () => (await fetch('/api/me')).json());
    expect((me as { teams: { id: string; role: string }[] }).teams).toEqual([
      expect.objectContaining({ id: teamId, role: 'viewer' }),
    ]);
  });

  it('a viewer finds no new-project, upload or delete control', async () => {
    await viewer.getByRole('link', { name: /EP/ }).waitFor();
    expect(await viewer.getByLabel('New project').count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Create project' }).count()).toBe(0);

    await viewer.goto(`${stack.baseUrl}/projects/${projectId}`);
    await viewer.getByRole('heading', { name: 'EP' }).waitFor();
    expect(await viewer.getByRole('button', { name: 'New analysis' }).count()).toBe(0);

    await viewer.goto(`${stack.baseUrl}/analyses/${analysisId}`);
    await viewer.getByRole('button', { name: 'Export Markdown' }).waitFor({ timeout: 60_000 });
    expect(await viewer.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    // The owner, on the same analysis, has the control.
    await owner.goto(`${stack.baseUrl}/analyses/${analysisId}`);
    await owner.getByRole('button', { name: 'Delete' }).waitFor({ timeout: 60_000 });
  });

  it('and the API answers a viewer 403 for each of them, changing nothing', async () => {
    const attempts: [string, string, unknown?][] = [
      ['POST', `/teams/${teamId}/projects`, { name: 'Sneaky' }],
      [
        'POST',
        `/projects/${projectId}/uploads`,
        { fileName: 'x.wav', sizeBytes: 1000, contentType: 'audio/wav' },
      ],
      ['POST', `/uploads/${uploadId}/complete`, {}],
      ['POST', `/projects/${projectId}/analyses`, { uploadId }],
      ['DELETE', `/analyses/${analysisId}`],
    ];
    for (const [method, path, body] of attempts) {
      const answer = await statusFrom(viewer, method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body.message).toContain('Your role in this team (viewer) does not allow');
    }
    expect((await ownerApi<{ status: string }>('GET', `/analyses/${analysisId}`)).status).toBe(
      'completed',
    );
    const projects = await ownerApi<{ name: string }[]>('GET', `/teams/${teamId}/projects`);
    expect(projects.map((p) => p.name)).toEqual(['EP']);
  });

  it('the team page lists the viewer, and fits a 390 px wide phone', async () => {
    await owner.goto(`${stack.baseUrl}/team`);
    await owner.getByLabel('Role of Vic').waitFor();
    expect(await owner.getByLabel('Role of Vic').inputValue()).toBe('viewer');
    await owner.screenshot({ path: join(screenshots, 'team-members.png'), fullPage: true });

    await owner.setViewportSize({ width: 390, height: 844 });
    await owner.goto(`${stack.baseUrl}/team`);
    await owner.getByLabel('Role of Vic').waitFor();
    // The page's own content; the shell's header around it is not part of this page.
    const overflowing = await owner.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((element) => element.getBoundingClientRect().right > window.innerWidth)
        .map((element) => `${element.tagName}.${element.className}`),
    );
    expect(overflowing).toEqual([]);
  });
});

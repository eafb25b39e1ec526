/**
 * The web app on a phone and in the light theme, in Debian's Chromium against the stack `npm
 * start` brings up: an album of three mixes goes up in one batch (two new revisions of a project
 * whose 120-character name has no break, one new project), then every page is opened 390 px wide
 * and must not scroll sideways, and the system's light setting must turn the page and its charts
 * light.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, type Requirement } from '@mixscope/test-requirements';
import { emailOf, logIn, signUp } from './accounts.ts';
import { makeTestAudio } from './audio-fixture.ts';
import { chromiumPath, launchBrowser, type BrowserSession } from './browser.ts';
import { startStack, type RunningStack } from './stack.ts';

const work = mkdtempSync(join(tmpdir(), 'mixscope-web-phone-'));
const stamp = Date.now().toString(36);
const PHONE = { width: 390, height: 844 };
const LONG_NAME = `Unbroken${'x'.repeat(112)}`;

let stack: RunningStack;
let desktop: BrowserSession;
let page: Page;
let projectUrl = '';
let analysisUrl = '';
let mixes: string[] = [];

interface Listed {
  items: { id: string; status: string; title: string | null }[];
}

/** The project's revisions as the API lists them, read with the page's session. */
const revisionsOf = (target: Page, projectId: string) =>
  target.evaluate(async (id) => {
    const response = await fetch(`/api/projects/${id}/analyses`);
    return (await response.json()) as Listed;
  }, projectId);

/** How far the page reaches past the viewport's right edge, in CSS pixels. */
const sidewaysOverflow = (target: Page) =>
  target.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

const chromium: Requirement = {
  what: 'Chromium',
  missing: chromiumPath()
    ? null
    : 'not found at /usr/bin/chromium, /usr/bin/chromium-browser or CHROMIUM_PATH',
  provide: 'run `apt-get install -y chromium`, or set CHROMIUM_PATH',
};

describeWith(chromium, 'web app on a phone, in the light theme, with an album upload', () => {
  beforeAll(async () => {
    const audio = makeTestAudio(work);
    const third = join(work, 'e2e-closing-track.wav');
    copyFileSync(audio.mix, third);
    mixes = [audio.mix, audio.reference, third];
    stack = await startStack(join(work, 'stack.log'));
    desktop = await launchBrowser({ width: 1280, height: 800 });
    page = await desktop.context.newPage();
  });

  afterAll(async () => {
    await desktop?.close();
    await stack?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('a multi-file upload creates one analysis per mix, with one batch request', async () => {
    await signUp(
      page,
      stack,
      'Robin Phone',
      `Pocket Studio ${stamp}`,
      emailOf('Robin Phone', stamp),
    );
    await page.getByLabel('New project').fill(LONG_NAME);
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.locator('.project-card', { hasText: LONG_NAME }).click();
    await page.waitForURL('**/projects/*');
    projectUrl = page.url();
    const projectId = new URL(projectUrl).pathname.split('/').at(-1)!;

    await page.getByRole('button', { name: 'New analysis' }).click();
    await page.setInputFiles('[data-testid=mix-input]', mixes);
    await page.getByText('e2e-closing-track.wav').waitFor();
    await page.getByLabel('Title of mix 1').fill('Opener');
    await page.getByLabel('Mix 3 goes into').selectOption('new-project');
    await page.getByLabel('Name of the new project for mix 3').fill(`Closer ${stamp}`);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Skip' }).click();

    const batches: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && /\/api\/analyses(\/batch)?$/.test(request.url()))
        batches.push(new URL(request.url()).pathname);
    });
    await page.getByRole('button', { name: 'Start 3 analyses' }).click();
    const queued = page.getByTestId('queued-analyses');
    await queued.waitFor({ timeout: 120_000 });
    expect(await queued.getByRole('link', { name: /^Mix \d$/ }).count()).toBe(3);
    expect(batches).toEqual(['/api/analyses/batch']);

    // Two became revisions of this project, the third a project of its own.
    await expect.poll(() => page.locator('.timeline-item').count()).toBe(2);
    const listed = await revisionsOf(page, projectId);
    expect(listed.items.map((item) => item.title).sort()).toEqual(['Opener', 'e2e-reference']);
    const newProject = await queued.getByRole('link', { name: 'new project' }).getAttribute('href');
    const inNewProject = await revisionsOf(page, newProject!.split('/').at(-1)!);
    expect(inNewProject.items.map((item) => item.title)).toEqual(['e2e-closing-track']);
    // The project page follows the new revisions until they are analysed; the phone pages
    // below need a finished analysis with every tab.
    await expect
      .poll(() => page.locator('.timeline-item.status-completed').count(), {
        timeout: 300_000,
        interval: 2000,
      })
      .toBe(2);
    await page.goto(`${stack.baseUrl}/projects`);
    await page.locator('.project-card', { hasText: `Closer ${stamp}` }).waitFor();
    const opener = (await revisionsOf(page, projectId)).items.find(
      (item) => item.title === 'Opener',
    )!;
    analysisUrl = `${stack.baseUrl}/analyses/${opener.id}`;
  });

  it('on a 390 px phone no page scrolls sideways, and a long name stays in its card', async () => {
    const phone = await launchBrowser(PHONE);
    try {
      const small = await phone.context.newPage();
      await small.goto(`${stack.baseUrl}/login`);
      await small.getByRole('button', { name: 'Log in' }).waitFor();
      expect(await sidewaysOverflow(small), 'login').toBeLessThanOrEqual(0);

      await logIn(small, stack.baseUrl, emailOf('Robin Phone', stamp));
      const card = small.locator('.project-card', { hasText: LONG_NAME });
      await card.waitFor();
      expect(await sidewaysOverflow(small), 'projects').toBeLessThanOrEqual(0);
      const box = await card.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);

      await small.goto(projectUrl);
      await small.locator('.timeline-item').first().waitFor();
      await small.getByLabel('Compare Opener').check();
      await small.getByLabel('Compare e2e-reference').check();
      await small.getByRole('row', { name: /Integrated loudness/ }).waitFor({ timeout: 30_000 });
      expect(await sidewaysOverflow(small), 'project with a comparison').toBeLessThanOrEqual(0);

      await small.goto(analysisUrl);
      for (const tab of [
        'Overview',
        'Loudness & Dynamics',
        'Stereo & Spectrum',
        'Suggestions',
        'Reference Comparison',
      ]) {
        await small.getByRole('tab', { name: tab }).click();
        await small.locator('[role=tabpanel]').waitFor();
        expect(await sidewaysOverflow(small), `analysis, ${tab}`).toBeLessThanOrEqual(0);
      }
      // The platform table scrolls inside its own box rather than widening the page.
      await small.getByRole('tab', { name: 'Overview' }).click();
      const table = small.getByRole('table', { name: 'Platform loudness' });
      await table.waitFor();
      const scroller = await table.evaluate((element) => {
        const box = element.closest('.table-scroll') ?? element;
        return { scrollWidth: box.scrollWidth, clientWidth: box.clientWidth };
      });
      expect(scroller.clientWidth).toBeLessThanOrEqual(PHONE.width);

      await small.goto(`${stack.baseUrl}/team`);
      await small.locator('main h1').first().waitFor();
      expect(await sidewaysOverflow(small), 'team').toBeLessThanOrEqual(0);
    } finally {
      await phone.close();
    }
  });

  it('the light theme applies when the system asks for it, to the page and its charts', async () => {
    await page.goto(`${analysisUrl}?tab=loudness`);
    const curve = page.locator('.recharts-line-curve').first();
    await curve.waitFor();
    const colours = () =>
      page.evaluate(() => ({
        background: getComputedStyle(document.body).backgroundColor,
        text: getComputedStyle(document.body).color,
        curve: getComputedStyle(document.querySelector('.recharts-line-curve')!).stroke,
      }));

    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await colours();
    expect(dark.background).toBe('rgb(14, 17, 22)');

    await page.emulateMedia({ colorScheme: 'light' });
    const light = await colours();
    expect(light.background).toBe('rgb(246, 248, 250)');
    expect(light.text).toBe('rgb(31, 35, 40)');
    // The charts read the theme's variables, so their lines change with it.
    expect(light.curve).toBe('rgb(9, 105, 218)');
    expect(dark.curve).toBe('rgb(90, 176, 255)');
  });
});

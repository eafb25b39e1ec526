/**
 * The web app end to end, in Debian's Chromium against the stack `npm start` brings up: sign up,
 * create a project, upload a mix and a reference straight to storage, watch the analysis reach
 * 100 %, open every tab and check its figures against ffmpeg, export, print, log out; then a user
 * of another team tries the first user's analysis URL.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMPARED_METRICS } from '@mixscope/contracts';
import { describeWith, type Requirement } from '@mixscope/test-requirements';
import { DEFAULT_PLATFORMS } from '../src/lib/platform-options.ts';
import { emailOf, signUp } from './accounts.ts';
import { ffmpegLoudness, makeTestAudio } from './audio-fixture.ts';
import { chromiumPath, launchBrowser, type BrowserSession } from './browser.ts';
import { startStack, type RunningStack } from './stack.ts';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'mixscope-web-e2e-'));
const stamp = Date.now().toString(36);
const VIEWPORT = { width: 1280, height: 800 };

let stack: RunningStack;
let owner: BrowserSession;
let page: Page;
let analysisUrl = '';
let audio: ReturnType<typeof makeTestAudio>;

const numberIn = (text: string | null) => {
  const match = /[-+]?\d+(\.\d+)?/.exec((text ?? '').replace('−', '-'));
  if (!match) throw new Error(`no number in "${text}"`);
  return Number(match[0]);
};

async function card(metric: string): Promise<number> {
  return numberIn(
    await page
      .locator(`[data-metric="${metric}"] [data-testid="metric-value"]`)
      .first()
      .textContent(),
  );
}

async function shoot(name: string) {
  await page.waitForTimeout(300);
  // Whole page, cut at a height that keeps the pictures readable in a README.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({
    path: join(screenshots, `${name}.png`),
    fullPage: true,
    clip: { x: 0, y: 0, width: VIEWPORT.width, height: Math.min(height, 1700) },
  });
}

/** Records every text the upload and progress read-outs show, across reloads. */
async function recordReadouts(target: Page) {
  await target.addInitScript(() => {
    const seen = (): string[] => JSON.parse(sessionStorage.getItem('e2e.seen') ?? '[]');
    const note = () => {
      for (const element of document.querySelectorAll(
        '[data-testid="upload-percent"], [data-testid="progress-percent"]',
      )) {
        const text = `${element.getAttribute('data-testid')}:${element.textContent}`;
        const list = seen();
        if (list[list.length - 1] !== text)
          sessionStorage.setItem('e2e.seen', JSON.stringify([...list, text]));
      }
    };
    new MutationObserver(note).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
}

const seenReadouts = async (): Promise<string[]> =>
  page.evaluate(() => JSON.parse(sessionStorage.getItem('e2e.seen') ?? '[]'));

const chromium: Requirement = {
  what: 'Chromium',
  missing: chromiumPath()
    ? null
    : 'not found at /usr/bin/chromium, /usr/bin/chromium-browser or CHROMIUM_PATH',
  provide: 'run `apt-get install -y chromium`, or set CHROMIUM_PATH',
};

describeWith(chromium, 'web app in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    audio = makeTestAudio(work);
    stack = await startStack(join(work, 'stack.log'));
    owner = await launchBrowser({ ...VIEWPORT, downloads: work });
    page = await owner.context.newPage();
    await recordReadouts(page);
  });

  afterAll(async () => {
    await owner?.close();
    await stack?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('signs up, creates a project and refuses a file that is not audio', async () => {
    await signUp(
      page,
      stack,
      'Alex Rivera',
      `Northside Studio ${stamp}`,
      emailOf('Alex Rivera', stamp),
    );
    await page.getByLabel('New project').fill('Album — track 3');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('link', { name: /Album — track 3/ }).click();
    await page.waitForURL('**/projects/*');
    await page.getByRole('button', { name: 'New analysis' }).click();
    await page.setInputFiles('[data-testid=mix-input]', audio.notAudio);
    await expect
      .poll(() => page.locator('.field-error').textContent())
      .toMatch(/not contain audio/);
  });

  it('serves every page with the security headers, and the pages break none of them', async () => {
    const probe = await owner.context.newPage();
    const violations: string[] = [];
    probe.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text()))
        violations.push(message.text());
    });
    try {
      for (const path of ['/login', '/signup', '/projects', '/team']) {
        const response = await probe.goto(`${stack.baseUrl}${path}`);
        const headers = response!.headers();
        expect(headers['content-security-policy'], path).toMatch(/frame-ancestors 'none'/);
        expect(headers['content-security-policy'], path).toMatch(/object-src 'none'/);
        expect(headers['x-content-type-options'], path).toBe('nosniff');
        expect(headers['x-frame-options'], path).toBe('DENY');
        expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
        await probe.waitForLoadState('networkidle');
      }
      expect(violations).toEqual([]);
    } finally {
      await probe.close();
    }
  });

  it('uploads a mix and a reference straight to storage and watches the analysis reach 100 %', async () => {
    await page.setInputFiles('[data-testid=mix-input]', audio.mix);
    await page.getByLabel('Title of mix 1').fill('Final mix v1');
    await shoot('upload-wizard');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.setInputFiles('[data-testid=reference-input]', audio.reference);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Genre profile').selectOption('pop');
    await page.getByRole('button', { name: 'Start analysis' }).click();

    await page.waitForURL('**/analyses/*', { timeout: 60_000 });
    analysisUrl = page.url();
    // A reload while it runs picks the live progress up again.
    await page.waitForTimeout(300);
    await page.reload();
    await page.getByRole('tab', { name: 'Overview' }).waitFor({ timeout: 180_000 });
    await expect.poll(() => page.getByTestId('progress-percent').textContent()).toBe('100 %');

    const seen = await seenReadouts();
    const uploads = seen.filter((s) => s.startsWith('upload-percent:'));
    expect(
      uploads.some((s) => s.endsWith('· 100 %')),
      `upload read-outs: ${uploads.join(' | ')}`,
    ).toBe(true);
    const progress = seen
      .filter((s) => s.startsWith('progress-percent:'))
      .map((s) => numberIn(s.slice(17)));
    expect(progress.at(-1)).toBe(100);
    expect(
      progress.some((percent) => percent < 100),
      `progress seen: ${progress.join(', ')}`,
    ).toBe(true);
  });

  it('Overview shows the headline figures, measured as ffmpeg measures them', async () => {
    const expected = ffmpegLoudness(audio.mix);
    await page.getByRole('tab', { name: 'Overview' }).click();
    expect(Math.abs((await card('integratedLufs')) - expected.integratedLufs)).toBeLessThanOrEqual(
      0.2,
    );
    expect(Math.abs((await card('truePeakDbtp')) - expected.truePeakDbtp)).toBeLessThanOrEqual(0.4);
    // "How it will play" lists the platforms chosen in the wizard (its defaults here), no others.
    await expect.poll(() => page.locator('[data-platform]').count()).toBeGreaterThan(0);
    const platforms = await page
      .locator('[data-platform]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-platform')));
    expect(platforms.sort()).toEqual([...DEFAULT_PLATFORMS].sort());
    await page.locator('[data-metric="integratedLufs"]').hover();
    await expect
      .poll(() => page.getByRole('tooltip').textContent())
      .toMatch(/What good looks like/);
    await shoot('analysis-overview');
  });

  it('Loudness & Dynamics draws both loudness curves and the dynamics cards', async () => {
    await page.getByRole('tab', { name: 'Loudness & Dynamics' }).click();
    const curves = page.locator('.recharts-line-curve');
    await expect.poll(() => curves.count()).toBe(2);
    expect(((await curves.first().getAttribute('d')) ?? '').length).toBeGreaterThan(200);
    // The mix has a quiet first third, so its loudness range is well above zero.
    expect(await card('loudnessRangeLu')).toBeGreaterThan(3);
    for (const metric of ['plrDb', 'dynamicRangeDb', 'crestFactorDb'])
      expect(Number.isFinite(await card(metric))).toBe(true);
    await shoot('analysis-loudness');
  });

  it('Stereo & Spectrum overlays the reference and pictures the stereo field', async () => {
    await page.getByRole('tab', { name: 'Stereo & Spectrum' }).click();
    await expect
      .poll(() => page.locator('figure[aria-label=Spectrum] .recharts-line-curve').count())
      .toBe(2);
    await expect.poll(() => page.locator('path[data-band]').count()).toBe(6);
    const correlation = await card('correlation');
    // Kick and chord are centred, the noise is decorrelated: partly correlated overall.
    expect(correlation).toBeGreaterThan(0);
    expect(correlation).toBeLessThan(1);
    await shoot('analysis-stereo-spectrum');
  });

  it('Suggestions shows the report, ranked actions and where the report came from', async () => {
    await page.getByRole('tab', { name: 'Suggestions' }).click();
    await expect
      .poll(() => page.locator('.actions li').count(), { timeout: 120_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('.badge.source-llm, .badge.source-rules').first().textContent())
      .toMatch(/Rules engine|Written by/);
    await shoot('analysis-suggestions');
  });

  it('Reference Comparison lists loudness-matched deltas with the reference’s own figures', async () => {
    const expected = ffmpegLoudness(audio.reference);
    await page.getByRole('tab', { name: 'Reference Comparison' }).click();
    const row = page.getByRole('row', { name: /Integrated loudness/ });
    const cells = await row.locator('td').allTextContents();
    expect(Math.abs(numberIn(cells[2]) - expected.integratedLufs)).toBeLessThanOrEqual(0.2);
    expect(
      await page
        .locator('figure[aria-label="Band level against the reference"] .recharts-bar-rectangle')
        .count(),
    ).toBe(6);
    await shoot('analysis-reference');
  });

  it('exports Markdown and JSON with the figures on screen, and prints without the controls', async () => {
    const lufs = await (async () => {
      await page.getByRole('tab', { name: 'Overview' }).click();
      return card('integratedLufs');
    })();
    const [markdown] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export Markdown' }).click(),
    ]);
    // Named after the revision's title, not the uploaded file.
    expect(markdown.suggestedFilename()).toBe('Final-mix-v1.mixscope.md');
    const text = readFileSync((await markdown.path())!, 'utf8');
    // The document `mixscope analyze --md --feedback` prints for the same file.
    expect(text).toMatch(/^# MixScope analysis — e2e-final-mix\.wav\n/);
    expect(text).toContain(`| Integrated loudness | ${lufs.toFixed(1)} LUFS |`);
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    const exported = JSON.parse(readFileSync((await json.path())!, 'utf8'));
    expect(exported.result.loudness.integratedLufs.toFixed(1)).toBe(lufs.toFixed(1));
    expect(exported.result.comparison.referenceName).toBe('e2e-reference.flac');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Export JSON' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  });

  it('a second revision joins the timeline, with trends and an in-depth comparison', async () => {
    await page.getByRole('link', { name: '← Project' }).click();
    await page.getByRole('button', { name: 'New analysis' }).click();
    await page.setInputFiles('[data-testid=mix-input]', audio.reference);
    await page.getByLabel('Title of mix 1').fill('Final mix v2');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('button', { name: 'Start analysis' }).click();
    await page.waitForURL('**/analyses/*', { timeout: 60_000 });
    await page.getByRole('tab', { name: 'Overview' }).waitFor({ timeout: 180_000 });
    const secondLufs = await card('integratedLufs');

    await page.getByRole('link', { name: '← Project' }).click();
    await page.getByRole('link', { name: /Final mix v2/ }).waitFor();
    await expect.poll(() => page.locator('.timeline-item').count()).toBe(2);
    await page.getByLabel('Compare Final mix v1').check();
    await page.getByLabel('Compare Final mix v2').check();
    const compare = page.locator('section[aria-label="Compare revisions"]');
    const row = compare.getByRole('row', { name: /Integrated loudness/ });
    await row.waitFor({ timeout: 30_000 });
    const cells = await row.locator('td').allTextContents();
    const [first, second, change] = cells.slice(1).map(numberIn);
    expect(second).toBeCloseTo(secondLufs, 1);
    // Each figure is shown rounded to 0.1, the change is computed before rounding.
    expect(Math.abs(change - (second - first))).toBeLessThanOrEqual(0.11);
    // Every compared figure, not only the headline ones.
    expect(await compare.locator('tr[data-metric]').count()).toBe(COMPARED_METRICS.length);
    // Both short-term curves and both spectra are overlaid; each band has its change.
    await expect
      .poll(() =>
        compare
          .locator(
            'figure[aria-label="Short-term loudness of both revisions"] .recharts-line-curve',
          )
          .count(),
      )
      .toBe(2);
    expect(
      await compare.locator('figure[aria-label="Spectrum"] .recharts-line-curve').count(),
    ).toBe(2);
    expect(
      await compare
        .locator(
          'figure[aria-label="Band level change between the revisions"] .recharts-bar-rectangle',
        )
        .count(),
    ).toBe(6);
    await compare.getByRole('heading', { name: /What changed in the feedback/ }).waitFor();
    // The trend charts name the revisions on their axis.
    const trend = page.locator('[data-testid="sparkline-Integrated"] svg');
    await expect.poll(() => trend.textContent()).toContain('#1');
    expect(await trend.textContent()).toContain('#2');
    await shoot('project-timeline');
  });

  it('logs out, after which the analysis asks for a login', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await page.goto(analysisUrl);
    await page.waitForURL('**/login?next=*');
  });

  it('a user of another team cannot open the analysis', async () => {
    const stranger = await launchBrowser(VIEWPORT);
    try {
      const other = await stranger.context.newPage();
      await signUp(other, stack, 'Sam Other', `Other Team ${stamp}`, emailOf('Sam Other', stamp));
      await other.goto(analysisUrl);
      await other.getByRole('heading', { name: 'Analysis not found' }).waitFor();
      const status = await other.evaluate(
        async (url) => (await fetch(`/api${new URL(url).pathname}`)).status,
        analysisUrl,
      );
      expect(status).toBe(404);
      expect(await other.locator('[data-metric]').count()).toBe(0);
    } finally {
      await stranger.close();
    }
  });
});

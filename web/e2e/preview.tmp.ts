import { launchBrowser } from './browser.ts';
const base = process.env.BASE ?? 'http://localhost:3999';
const id = '11111111-1111-4111-8111-111111111111';
const session = await launchBrowser();
const page = await session.context.newPage();
page.on('console', (m) => {
  if (m.type() === 'error') console.log('console:', m.text());
});
page.on('pageerror', (e) => console.log('pageerror:', e.message));
for (const tab of ['overview', 'loudness', 'stereo', 'suggestions', 'reference']) {
  await page.goto(`${base}/analyses/${id}?tab=${tab}`);
  await page.waitForSelector('[role=tabpanel]');
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/webmock/shots/${tab}.png`, fullPage: true });
}
await page.goto(`${base}/projects/22222222-2222-4222-8222-222222222222`);
await page.waitForSelector('.timeline');
await page.click('text=New analysis');
await page.waitForTimeout(800);
await page.screenshot({ path: `/tmp/webmock/shots/project.png`, fullPage: true });
await page.goto(`${base}/login`);
await page.screenshot({ path: `/tmp/webmock/shots/login.png` });
await session.close();

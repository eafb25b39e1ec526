/** Accounts for the browser tests: sign up through the form and the mailed link, log in through the form. */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import type { RunningStack } from './stack.ts';

export const E2E_PASSWORD = 'correct horse battery staple';

export const emailOf = (who: string, stamp: string) =>
  `${who.toLowerCase().replace(/\W+/g, '.')}.${stamp}@example.com`;

/**
 * The newest link containing `path` in a mail to `email`, as the stack's mail sink printed it
 * (`npm start` prints every mail it receives), or null while none has arrived.
 */
export function mailedLink(stack: RunningStack, email: string, path: string): string | null {
  if (!stack.logFile)
    throw new Error('the mailed links are read from the stack log: set E2E_STACK_LOG');
  const lines = readFileSync(stack.logFile, 'utf8').split('\n');
  const line = lines.findLast(
    (l) => l.startsWith('mail') && l.includes(`to ${email}:`) && l.includes(path),
  );
  return line?.match(new RegExp(`https?://\\S+${path}\\S+`))?.[0] ?? null;
}

async function waitForMailedLink(stack: RunningStack, email: string, path: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const link = mailedLink(stack, email, path);
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`no mail to ${email} with a ${path} link`);
    await sleep(250);
  }
}

/** Signs up as a person does: the form, the "check your email" answer, then the mailed link. */
export async function signUp(
  target: Page,
  stack: RunningStack,
  who: string,
  team: string,
  email: string,
): Promise<void> {
  await target.goto(`${stack.baseUrl}/signup`);
  await target.fill('input[name=name]', who);
  await target.fill('input[name=teamName]', team);
  await target.fill('input[name=email]', email);
  await target.fill('input[name=password]', E2E_PASSWORD);
  await target.getByRole('button', { name: 'Sign up' }).click();
  await target.getByRole('heading', { name: 'Check your email' }).waitFor();
  const link = await waitForMailedLink(stack, email, '/signup/verify/');
  // The link names the public URL; the test may reach the same app on another origin.
  await target.goto(`${stack.baseUrl}${new URL(link).pathname}`);
  await target.waitForURL('**/projects');
  await target.getByRole('heading', { name: 'Projects' }).waitFor();
}

export async function logIn(target: Page, baseUrl: string, email: string): Promise<void> {
  await target.goto(`${baseUrl}/login`);
  await target.fill('input[name=email]', email);
  await target.fill('input[name=password]', E2E_PASSWORD);
  await target.getByRole('button', { name: 'Log in' }).click();
  await target.waitForURL('**/projects');
  await target.getByRole('heading', { name: 'Projects' }).waitFor();
}

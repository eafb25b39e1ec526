/** Accounts for the browser tests: sign up through the form, log in through the form. */
import type { Page } from 'playwright-core';

export const E2E_PASSWORD = 'correct horse battery staple';

export const emailOf = (who: string, stamp: string) =>
  `${who.toLowerCase().replace(/\W+/g, '.')}.${stamp}@example.com`;

export async function signUp(
  target: Page,
  baseUrl: string,
  who: string,
  team: string,
  stamp: string,
): Promise<void> {
  await target.goto(`${baseUrl}/signup`);
  await target.fill('input[name=name]', who);
  await target.fill('input[name=teamName]', team);
  await target.fill('input[name=email]', emailOf(who, stamp));
  await target.fill('input[name=password]', E2E_PASSWORD);
  await target.getByRole('button', { name: 'Sign up' }).click();
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

/** Brings up the stack the README starts (`npm start`) and takes it down again. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningStack {
  baseUrl: string;
  /** Everything the stack printed (the mail sink's invitation links among it), when known. */
  logFile: string | null;
  stop: () => Promise<void>;
}

async function isUp(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(3000) });
    return response.status >= 200 && response.status < 400;
  } catch {
    return false;
  }
}

export async function waitFor(
  url: string,
  timeoutMs: number,
  process?: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isUp(url)) return;
    if (process && process.exitCode !== null)
      throw new Error(`the stack exited (${process.exitCode}) before ${url} answered`);
    await sleep(1000);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/**
 * Starts `npm start` in its own process group and waits until the web app and the gateway
 * behind it answer. With E2E_BASE_URL set, uses that running stack instead (and E2E_STACK_LOG,
 * when set, is the file its output goes to).
 */
export async function startStack(logFile: string): Promise<RunningStack> {
  const given = process.env.E2E_BASE_URL;
  if (given) {
    await waitFor(`${given}/api/ready`, 30_000);
    return {
      baseUrl: given,
      logFile: process.env.E2E_STACK_LOG ?? null,
      stop: async () => undefined,
    };
  }
  const baseUrl = 'http://localhost:3000';
  if (await isUp(`${baseUrl}/login`))
    throw new Error(`something already serves ${baseUrl}; stop it or set E2E_BASE_URL`);
  const log = createWriteStream(logFile);
  const child = spawn('npm', ['start'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    const timedOut = await Promise.race([exited.then(() => false), sleep(30_000).then(() => true)]);
    if (timedOut) process.kill(-child.pid, 'SIGKILL');
    log.end();
  };
  try {
    await waitFor(`${baseUrl}/api/ready`, 300_000, child);
    await waitFor(`${baseUrl}/login`, 300_000, child);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; see ${logFile}`);
  }
  return { baseUrl, logFile, stop };
}

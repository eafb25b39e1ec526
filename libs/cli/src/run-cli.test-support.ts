import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureBuilt, root } from '@mixscope/test-support';

const bin = fileURLToPath(new URL('../../../bin/mixscope.mjs', import.meta.url));

/** Rebuilds the command only when a source is newer than it (`npm ci` has built it). */
export async function buildCli(): Promise<void> {
  await ensureBuilt();
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `mixscope` command; rejects if it has not exited within the time-out. */
export function runCli(args: string[], timeoutMs = 60_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', [bin, ...args], {
      cwd: root,
      env: { ...process.env, GROQ_API_KEY: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mixscope ${args.join(' ')} hung for ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

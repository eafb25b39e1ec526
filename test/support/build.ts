import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

const OUTPUTS = [
  'dist/services/gateway/main.mjs',
  'dist/services/analyzer/main.mjs',
  'dist/cli/main.mjs',
];
const SOURCES = ['services', 'libs', 'prisma', 'infra', 'scripts/build.mjs'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test\.ts$/.test(path) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'generated') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function isStale(): boolean {
  if (!OUTPUTS.every((o) => existsSync(join(root, o)))) return true;
  const built = Math.min(...OUTPUTS.map((o) => statSync(join(root, o)).mtimeMs));
  return SOURCES.some((s) => newestMtime(join(root, s)) > built);
}

/** Builds dist/ (services and CLI) when a source is newer than it; one builder at a time. */
export async function ensureBuilt(): Promise<void> {
  if (!isStale()) return;
  const lock = join(root, 'dist', '.build-lock');
  mkdirSync(join(root, 'dist'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, { force: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (isStale())
      execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  } finally {
    rmSync(lock, { force: true });
  }
}

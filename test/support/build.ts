import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

const OUTPUTS = [
  'dist/services/gateway/main.mjs',
  'dist/services/analyzer/main.mjs',
  'dist/services/llm-worker/main.mjs',
  'dist/cli/main.mjs',
];
const SOURCES = ['services', 'libs', 'prisma', 'infra', 'scripts/build.mjs'];
/** What the end-to-end tests run: the services, each with its worker, and the command-line tool. */
const SNAPSHOT_FILES = [
  'services/gateway/main.mjs',
  'services/analyzer/main.mjs',
  'services/analyzer/measure.worker.mjs',
  'services/llm-worker/main.mjs',
];
/** The command-line tool is split into chunks: its whole folder is copied. */
const SNAPSHOT_DIRS = ['cli'];

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

let snapshot: string | undefined;

/**
 * A private copy of the built programs for this test process. Other test files (the command-line
 * tool's own, say) rebuild dist/ while these tests run; a process started from a file that is
 * being rewritten would fail to load. The copy stays under dist/, so packages still resolve.
 */
export async function builtSnapshot(): Promise<string> {
  if (snapshot) return snapshot;
  await ensureBuilt();
  removeOrphanedSnapshots();
  const dir = join(root, 'dist', '.e2e', `${process.pid}-${randomBytes(3).toString('hex')}`);
  for (let attempt = 0; ; attempt++) {
    for (const file of SNAPSHOT_FILES) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      copyFileSync(join(root, 'dist', file), join(dir, file));
      copyFileSync(join(root, 'dist', `${file}.map`), join(dir, `${file}.map`));
    }
    for (const folder of SNAPSHOT_DIRS) {
      rmSync(join(dir, folder), { recursive: true, force: true });
      cpSync(join(root, 'dist', folder), join(dir, folder), { recursive: true });
    }
    const copied = [
      ...SNAPSHOT_FILES,
      ...SNAPSHOT_DIRS.flatMap((folder) =>
        (readdirSync(join(dir, folder), { recursive: true }) as string[])
          .filter((file) => file.endsWith('.mjs'))
          .map((file) => join(folder, file)),
      ),
    ];
    // esbuild ends every output with its source-map comment: a copy without it caught a rewrite,
    // and so does an import of a chunk that is not there yet.
    const complete = copied.every((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const chunks = [...text.matchAll(/from "\.\/(chunk-[^"]+)"|import\("\.\/(chunk-[^"]+)"\)/g)];
      return (
        text.trimEnd().endsWith('.mjs.map') &&
        chunks.every((m) => existsSync(join(dir, file, '..', m[1] ?? m[2])))
      );
    });
    if (complete) break;
    if (attempt === 20) throw new Error('dist/ kept changing while it was being copied');
    await new Promise((r) => setTimeout(r, 500));
  }
  snapshot = dir;
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Test workers may be stopped without running exit handlers: drop copies whose process is gone. */
function removeOrphanedSnapshots(): void {
  const parent = join(root, 'dist', '.e2e');
  if (!existsSync(parent)) return;
  for (const entry of readdirSync(parent)) {
    const pid = Number(entry.split('-')[0]);
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(join(parent, entry), { recursive: true, force: true });
    }
  }
}

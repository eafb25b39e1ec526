import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** The projects whose `build` targets make what the tests run: the services and the CLI. */
const PROGRAMS = ['cli', 'gateway', 'analyzer', 'llm-worker'];
/** What the end-to-end tests run: the services, each with its worker, and the command-line tool. */
const SNAPSHOT_FILES = [
  'services/gateway/main.mjs',
  'services/analyzer/main.mjs',
  'services/analyzer/measure.worker.mjs',
  'services/llm-worker/main.mjs',
];
/** The command-line tool is split into chunks: its whole folder is copied. */
const SNAPSHOT_DIRS = ['cli'];

let built: Promise<void> | undefined;

/**
 * Runs the programs' Nx `build` targets once per test run. Nx's hashed cache decides what is
 * stale. Without its daemon Nx rewrites outputs from the cache even when they are up to date, so
 * the test processes of one run (forks of one vitest process) build once, under a lock, before
 * any of them starts a program.
 */
export function ensureBuilt(): Promise<void> {
  built ??= buildOnce();
  return built;
}

async function buildOnce(): Promise<void> {
  const lock = join(root, 'dist', '.build-lock');
  mkdirSync(join(root, 'dist'), { recursive: true });
  while (!takeLock(lock)) await new Promise((r) => setTimeout(r, 250));
  try {
    const runStamp = join(root, 'dist', `.built-for-run-${process.ppid}`);
    if (existsSync(runStamp)) return;
    const nx = join(root, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
    const args = ['run-many', '-t', 'build', '-p', PROGRAMS.join(','), '--outputStyle=static'];
    const run = spawnSync(process.execPath, [nx, ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    if (run.status !== 0)
      throw new Error(`nx ${args.join(' ')} failed (${run.status}):\n${run.stdout}${run.stderr}`);
    for (const entry of readdirSync(join(root, 'dist'))) {
      const stampOf = /^\.built-for-run-(\d+)$/.exec(entry);
      if (stampOf && !isRunning(Number(stampOf[1]))) rmSync(join(root, 'dist', entry));
    }
    writeFileSync(runStamp, '');
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Takes the lock file, or clears it when the process that holds it is gone. */
function takeLock(lock: string): boolean {
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    let holder = '';
    try {
      holder = readFileSync(lock, 'utf8');
    } catch {
      return false; // released meanwhile
    }
    // Empty: its holder has created it and not yet written its pid.
    if (holder !== '' && !isRunning(Number(holder))) rmSync(lock, { force: true });
    return false;
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

let snapshot: string | undefined;

/**
 * A private copy of the built programs for this test process. Another build (another test run,
 * `npm start`, `npm run build`) may rewrite dist/ while these tests run; a process started from a
 * file that is being rewritten would fail to load. The copy stays under dist/, so packages still
 * resolve.
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
    if (!isRunning(Number(entry.split('-')[0])))
      rmSync(join(parent, entry), { recursive: true, force: true });
  }
}

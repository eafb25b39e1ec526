import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AnalysisResult } from '@mixscope/audio-analysis';
import { builtSnapshot, root } from './build.ts';

const run = promisify(execFile);

/** What `mixscope analyze FILE [--reference REF] --json` prints, parsed. */
export async function cliResult(file: string, reference?: string): Promise<AnalysisResult> {
  const args = [
    join(await builtSnapshot(), 'cli/main.mjs'),
    'analyze',
    file,
    ...(reference ? ['--reference', reference] : []),
    '--json',
  ];
  const { stdout } = await run(process.execPath, args, {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  return JSON.parse(stdout) as AnalysisResult;
}

/** The result without wall-clock timings (they differ run to run), at every level. */
export function withoutTimings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimings);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'timingsMs')
        .map(([key, v]) => [key, withoutTimings(v)]),
    );
  }
  return value;
}

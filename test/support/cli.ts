import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AnalysisResult } from '@mixscope/contracts';
import type { Feedback } from '@mixscope/feedback';
import { builtSnapshot, root } from './build.ts';

const run = promisify(execFile);

/**
 * What `mixscope analyze FILE [--reference REF] --json [--feedback --genre G]` prints, parsed. The
 * feedback is the rules engine's: the tool runs without GROQ_API_KEY.
 */
export async function cliResult(
  file: string,
  reference?: string,
  feedback?: { genre?: string },
): Promise<AnalysisResult & { feedback?: Feedback }> {
  const args = [
    join(await builtSnapshot(), 'cli/main.mjs'),
    'analyze',
    file,
    ...(reference ? ['--reference', reference] : []),
    '--json',
    ...(feedback ? ['--feedback', ...(feedback.genre ? ['--genre', feedback.genre] : [])] : []),
  ];
  const { stdout } = await run(process.execPath, args, {
    cwd: root,
    env: { ...process.env, GROQ_API_KEY: '' },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  return JSON.parse(stdout) as AnalysisResult & { feedback?: Feedback };
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

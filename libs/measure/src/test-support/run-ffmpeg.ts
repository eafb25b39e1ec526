import { spawnSync } from 'node:child_process';

/** Runs ffmpeg quietly, overwriting its output; throws with what ffmpeg said when it fails. */
export function runFfmpeg(args: string[]): void {
  const made = spawnSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', ...args]);
  if (made.status !== 0) throw new Error(made.error?.message ?? String(made.stderr));
}

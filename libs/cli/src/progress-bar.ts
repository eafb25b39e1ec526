import type { TrackProgressReport } from '@mixscope/measure';
import { overallProgress, type TracksProgress } from '@mixscope/pipeline/progress';
import type { TrackRole } from '@mixscope/contracts';

/**
 * A one-line progress bar redrawn in place on a terminal stream. It shows the analysis' progress,
 * combined from the tracks' reports by the same rule the hosted API and socket relay use.
 */
export function createProgressBar(
  stream: NodeJS.WriteStream,
  roles: readonly TrackRole[],
): {
  report(track: TrackProgressReport): void;
  clear(): void;
} {
  const width = 30;
  const tracks: TracksProgress = {};
  let last = '';
  return {
    report({ role, stage, percent }) {
      tracks[role] = { stage, percent };
      const overall = overallProgress(tracks, roles);
      const shown = Math.round(overall.percent);
      const filled = Math.round((shown / 100) * width);
      const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(shown).padStart(3)}% ${overall.stage ?? stage}`;
      if (line === last) return;
      last = line;
      stream.write(`\r${line}\x1b[K`);
    },
    clear() {
      if (last) stream.write('\r\x1b[K');
      last = '';
    },
  };
}

import type { Progress } from '@mixscope/contracts';

/** A one-line progress bar redrawn in place on a terminal stream. */
export function createProgressBar(stream: NodeJS.WriteStream): {
  update(p: Progress): void;
  clear(): void;
} {
  const width = 30;
  let last = '';
  return {
    update({ stage, percent }) {
      const filled = Math.round((percent / 100) * width);
      const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${stage}`;
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

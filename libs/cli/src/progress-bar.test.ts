import { describe, expect, it } from 'vitest';
import { createProgressBar } from './progress-bar.ts';

function terminal() {
  const writes: string[] = [];
  const stream = { write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream;
  /** The line the terminal shows now. */
  const shown = () => writes.at(-1)?.replace(/^\r/, '').replace('\x1b[K', '') ?? '';
  return { stream, writes, shown };
}

describe('createProgressBar', () => {
  it("shows one track's progress as it is", () => {
    const { stream, shown } = terminal();
    const bar = createProgressBar(stream, ['mix']);
    bar.report({ role: 'mix', stage: 'spectrum', percent: 55 });
    expect(shown()).toMatch(/^\[#{17}-{13}\] {2}55% spectrum$/);
  });

  it('combines mix and reference: the mean percent, the stage of the track behind', () => {
    const { stream, shown } = terminal();
    const bar = createProgressBar(stream, ['mix', 'reference']);
    bar.report({ role: 'mix', stage: 'tempo', percent: 80 });
    // The reference has not reported yet: it counts as 0.
    expect(shown()).toMatch(/ 40% tempo$/);
    bar.report({ role: 'reference', stage: 'decoding', percent: 20 });
    expect(shown()).toMatch(/ 50% decoding$/);
    bar.report({ role: 'reference', stage: 'key', percent: 90 });
    expect(shown()).toMatch(/ 85% tempo$/);
  });

  it('redraws only when the line changes, and clears it', () => {
    const { stream, writes } = terminal();
    const bar = createProgressBar(stream, ['mix']);
    bar.report({ role: 'mix', stage: 'decoding', percent: 10 });
    bar.report({ role: 'mix', stage: 'decoding', percent: 10 });
    expect(writes).toHaveLength(1);
    bar.clear();
    expect(writes.at(-1)).toBe('\r\x1b[K');
    bar.clear();
    expect(writes).toHaveLength(2);
  });
});

import type { ProgressStage, TrackProgress } from '@mixscope/contracts';

/**
 * Sends a track's progress in order, one report at a time, skipping repeats and reports closer
 * together than minIntervalMs within a stage. While a report is being sent (a database write and
 * a job event), newer ones of the same stage replace each other: what waits is at most the latest
 * report of each stage reached, every stage is still announced, and a slow database never builds
 * a queue of stale reports that the end of the job would wait for. A report that fails is
 * dropped: progress is a hint, the result is what must not be lost.
 */
export class ProgressReporter {
  private draining: Promise<void> = Promise.resolve();
  private readonly waiting: TrackProgress[] = [];
  private sending = false;
  private last: { stage: ProgressStage; percent: number; at: number } | null = null;
  private failed = false;

  constructor(
    private readonly base: Omit<TrackProgress, 'stage' | 'percent'>,
    private readonly send: (progress: TrackProgress) => Promise<void>,
    private readonly onError: (error: Error) => void,
    private readonly minIntervalMs = 200,
  ) {}

  report(stage: ProgressStage, percent: number): void {
    const now = Date.now();
    const last = this.last;
    if (
      last &&
      last.stage === stage &&
      (percent <= last.percent || now - last.at < this.minIntervalMs)
    )
      return;
    if (last && percent < last.percent) percent = last.percent;
    this.last = { stage, percent, at: now };
    const progress: TrackProgress = { ...this.base, stage, percent };
    if (this.waiting.at(-1)?.stage === stage) this.waiting[this.waiting.length - 1] = progress;
    else this.waiting.push(progress);
    if (!this.sending) this.draining = this.drain();
  }

  /** Resolves once the latest report so far has been sent (or dropped). */
  flush(): Promise<void> {
    return this.draining;
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      for (let progress = this.waiting.shift(); progress; progress = this.waiting.shift()) {
        await this.send(progress).catch((error: Error) => {
          // One line per track is enough: the rest would say the same.
          if (!this.failed) this.onError(error);
          this.failed = true;
        });
      }
    } finally {
      this.sending = false;
    }
  }
}

import type { ProgressStage, TrackProgress } from '@mixscope/contracts';

/**
 * Sends a track's progress in order, one report at a time, skipping repeats and reports closer
 * together than minIntervalMs within a stage. A report that fails is dropped: progress is a hint,
 * the result is what must not be lost.
 */
export class ProgressReporter {
  private chain: Promise<void> = Promise.resolve();
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
    this.chain = this.chain
      .then(() => this.send(progress))
      .catch((error: Error) => {
        // One line per track is enough: the rest would say the same.
        if (!this.failed) this.onError(error);
        this.failed = true;
      });
  }

  /** Resolves once every report so far has been sent (or dropped). */
  flush(): Promise<void> {
    return this.chain;
  }
}

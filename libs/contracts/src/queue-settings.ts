import { QueueName } from './queues.ts';

/**
 * One table of per-queue settings, read by the producer (attempts, backoff, retention) and by the
 * workers (concurrency, locks, stall detection). Environment variables may override a few of them;
 * see resolveQueueSettings and .env.example.
 */
export interface QueueSettings {
  /** Jobs one worker process runs at once. */
  concurrency: number;
  /** How long a job's lock lives without renewal; a worker renews it every half of this. */
  lockDurationMs: number;
  /** How often workers look for jobs whose lock expired (their worker died) and requeue them. */
  stalledIntervalMs: number;
  /** A job that stalls more often than this fails instead of running again. */
  maxStalledCount: number;
  attempts: number;
  /** Exponential backoff: the n-th retry waits delayMs · 2^(n-1). */
  backoffDelayMs: number;
  removeOnComplete: { age: number; count: number };
  removeOnFail: { age: number; count: number };
}

const DAY_SEC = 24 * 3600;

export const queueSettings: Record<QueueName, QueueSettings> = {
  [QueueName.analyze]: {
    concurrency: 1,
    lockDurationMs: 30_000,
    stalledIntervalMs: 30_000,
    maxStalledCount: 1,
    attempts: 3,
    backoffDelayMs: 5_000,
    removeOnComplete: { age: DAY_SEC, count: 1_000 },
    removeOnFail: { age: 7 * DAY_SEC, count: 5_000 },
  },
  [QueueName.finalize]: {
    concurrency: 4,
    lockDurationMs: 30_000,
    stalledIntervalMs: 30_000,
    maxStalledCount: 1,
    attempts: 3,
    backoffDelayMs: 5_000,
    removeOnComplete: { age: DAY_SEC, count: 1_000 },
    removeOnFail: { age: 7 * DAY_SEC, count: 5_000 },
  },
  [QueueName.feedback]: {
    concurrency: 2,
    lockDurationMs: 60_000,
    stalledIntervalMs: 30_000,
    maxStalledCount: 1,
    attempts: 3,
    backoffDelayMs: 10_000,
    removeOnComplete: { age: DAY_SEC, count: 1_000 },
    removeOnFail: { age: 7 * DAY_SEC, count: 5_000 },
  },
};

export interface QueueSettingsOverrides {
  analyzeConcurrency?: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  attempts?: number;
  backoffDelayMs?: number;
}

/** The table above with the overrides a deployment sets through its environment. */
export function resolveQueueSettings(
  overrides: QueueSettingsOverrides = {},
): Record<QueueName, QueueSettings> {
  const resolved = {} as Record<QueueName, QueueSettings>;
  for (const name of Object.keys(queueSettings) as QueueName[]) {
    const base = queueSettings[name];
    resolved[name] = {
      ...base,
      concurrency:
        name === QueueName.analyze
          ? (overrides.analyzeConcurrency ?? base.concurrency)
          : base.concurrency,
      lockDurationMs: overrides.lockDurationMs ?? base.lockDurationMs,
      stalledIntervalMs: overrides.stalledIntervalMs ?? base.stalledIntervalMs,
      attempts: overrides.attempts ?? base.attempts,
      backoffDelayMs: overrides.backoffDelayMs ?? base.backoffDelayMs,
    };
  }
  return resolved;
}

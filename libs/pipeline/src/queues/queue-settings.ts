import type { SharedEnv } from '@mixscope/contracts';
import { QueueName } from './queue-names.ts';

/**
 * One table of per-queue settings, read by the producers (attempts, backoff, retention, through
 * jobOptions) and by the workers (concurrency, locks, stall detection). Environment variables may
 * override a few of them; see queueSettingsFromEnv and .env.example.
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

export type QueueSettingsTable = Record<QueueName, QueueSettings>;

const DAY_SEC = 24 * 3600;

/** What every queue shares; the table below names only where a queue differs. */
const commonSettings: Omit<QueueSettings, 'concurrency'> = {
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 1,
  attempts: 3,
  backoffDelayMs: 5_000,
  removeOnComplete: { age: DAY_SEC, count: 1_000 },
  removeOnFail: { age: 7 * DAY_SEC, count: 5_000 },
};

export const queueSettings: QueueSettingsTable = {
  [QueueName.analyze]: { ...commonSettings, concurrency: 1 },
  [QueueName.finalize]: { ...commonSettings, concurrency: 4 },
  [QueueName.feedback]: {
    ...commonSettings,
    concurrency: 2,
    lockDurationMs: 60_000,
    backoffDelayMs: 10_000,
  },
};

export interface QueueSettingsOverrides {
  analyzeConcurrency?: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  attempts?: number;
  backoffDelayMs?: number;
}

/** The table above with the overrides a deployment sets. */
export function resolveQueueSettings(overrides: QueueSettingsOverrides = {}): QueueSettingsTable {
  const resolve = (name: QueueName): QueueSettings => {
    const base = queueSettings[name];
    return {
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
  };
  return {
    [QueueName.analyze]: resolve(QueueName.analyze),
    [QueueName.finalize]: resolve(QueueName.finalize),
    [QueueName.feedback]: resolve(QueueName.feedback),
  };
}

/** The table as the shared environment variables (ANALYZE_CONCURRENCY, JOB_ATTEMPTS, ...) tune it. */
export function queueSettingsFromEnv(
  env: Pick<
    SharedEnv,
    | 'ANALYZE_CONCURRENCY'
    | 'QUEUE_LOCK_DURATION_MS'
    | 'QUEUE_STALLED_INTERVAL_MS'
    | 'JOB_ATTEMPTS'
    | 'JOB_BACKOFF_MS'
  >,
): QueueSettingsTable {
  return resolveQueueSettings({
    analyzeConcurrency: env.ANALYZE_CONCURRENCY,
    lockDurationMs: env.QUEUE_LOCK_DURATION_MS,
    stalledIntervalMs: env.QUEUE_STALLED_INTERVAL_MS,
    attempts: env.JOB_ATTEMPTS,
    backoffDelayMs: env.JOB_BACKOFF_MS,
  });
}

import { withLogContext } from './log-context.ts';
import type { JobMetrics } from './metrics.ts';

/** The parts of a BullMQ job the instrumentation reads. */
export interface InstrumentedJob {
  id?: string;
  name: string;
  attemptsMade: number;
  opts: { attempts?: number };
  data: unknown;
}

/** Whether an error tells BullMQ not to retry (UnrecoverableError, by name to avoid a bullmq import). */
function isUnrecoverable(error: unknown): boolean {
  return (error as Error | null)?.name === 'UnrecoverableError';
}

/** Whether the job was put back to wait (DelayedError): neither completed nor an attempt failed. */
function isDeferred(error: unknown): boolean {
  return (error as Error | null)?.name === 'DelayedError';
}

/**
 * Wraps a job processor so its log lines carry the job id, queue and analysis id, and its duration
 * and failures are counted.
 */
export function instrumentProcessor<J extends InstrumentedJob, A extends unknown[], R>(
  queue: string,
  metrics: JobMetrics,
  processor: (job: J, ...rest: A) => Promise<R>,
): (job: J, ...rest: A) => Promise<R> {
  return (job, ...rest) => {
    const data = job.data as { analysisId?: unknown } | null;
    const analysisId = typeof data?.analysisId === 'string' ? data.analysisId : undefined;
    const fields = { queue, jobId: job.id, analysisId, attempt: job.attemptsMade + 1 };
    return withLogContext(fields, async () => {
      const end = metrics.duration.startTimer({ queue });
      metrics.active.inc({ queue });
      try {
        const result = await processor(job, ...rest);
        end({ outcome: 'completed' });
        return result;
      } catch (error) {
        if (isDeferred(error)) {
          end({ outcome: 'deferred' });
          throw error;
        }
        end({ outcome: 'failed' });
        const final = isUnrecoverable(error) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        metrics.failures.inc({ queue, final: String(final) });
        throw error;
      } finally {
        metrics.active.dec({ queue });
      }
    });
  };
}

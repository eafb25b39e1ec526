import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields every log line written inside a request or a job carries (requestId, jobId, ...). */
export type LogFields = Record<string, string | number | undefined>;

const storage = new AsyncLocalStorage<LogFields>();

/** Runs fn with these fields added to every log line it (and what it awaits) writes. */
export function withLogContext<T>(fields: LogFields, fn: () => T): T {
  const outer = storage.getStore();
  return storage.run(outer ? { ...outer, ...fields } : fields, fn);
}

export function currentLogContext(): LogFields | undefined {
  return storage.getStore();
}

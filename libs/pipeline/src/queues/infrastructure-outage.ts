import { DelayedError, type Job } from 'bullmq';

/** A backing service the pipeline depends on that may be briefly away. */
export type Dependency = 'database' | 'storage' | 'queue';

/** Prisma's codes for a database that cannot be reached, timed out or ran out of connections. */
const PRISMA_UNREACHABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
/** What the pg driver adapter says when the connection, not the query, is at fault. */
const DRIVER_UNREACHABLE = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TlsConnectionError',
]);
/** SQLSTATE classes of a server that is going away or refusing connections (08, 53, 57P0x). */
const SQLSTATE_UNAVAILABLE = /^(08|53|57P0)/;
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
]);
const NETWORK_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|socket hang up|Client network socket disconnected|premature close/i;
const S3_TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
]);
const REDIS_MESSAGES =
  /Connection is closed|enableOfflineQueue|MaxRetriesPerRequest|Reached the max retries per request/i;

interface ErrorFields {
  name?: string;
  message?: string;
  code?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: string; code?: string } } };
  $metadata?: { httpStatusCode?: number };
}

/** The error and the causes it wraps, outermost first (bounded: causes can form a cycle). */
function chain(error: unknown): ErrorFields[] {
  const links: ErrorFields[] = [];
  let current = error;
  while (current && typeof current === 'object' && links.length < 8) {
    links.push(current as ErrorFields);
    current = (current as ErrorFields).cause;
  }
  return links;
}

function databaseUnavailable(e: ErrorFields): boolean {
  const isPrisma = e.name?.startsWith('PrismaClient') === true;
  if (e.name === 'PrismaClientInitializationError') return true;
  if (isPrisma && typeof e.code === 'string' && PRISMA_UNREACHABLE.has(e.code)) return true;
  const driver = e.meta?.driverAdapterError?.cause;
  if (driver?.kind && DRIVER_UNREACHABLE.has(driver.kind)) return true;
  if (driver?.kind === 'postgres' && SQLSTATE_UNAVAILABLE.test(driver.code ?? '')) return true;
  return isPrisma && NETWORK_MESSAGES.test(e.message ?? '');
}

function storageUnavailable(e: ErrorFields): boolean {
  const status = e.$metadata?.httpStatusCode;
  if (e.$metadata && (status === undefined || status >= 500 || status === 429)) return true;
  return e.$metadata !== undefined && S3_TRANSIENT_NAMES.has(e.name ?? '');
}

/**
 * Which backing service an error says is unavailable, or null when the error is about the work
 * itself. Infrastructure that is away never fails an analysis: the job waits and runs again.
 */
export function unavailableDependency(error: unknown): Dependency | null {
  const links = chain(error);
  if (links.some(databaseUnavailable)) return 'database';
  if (links.some(storageUnavailable)) return 'storage';
  if (links.some((e) => REDIS_MESSAGES.test(e.message ?? ''))) return 'queue';
  const network = links.some(
    (e) =>
      (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) ||
      NETWORK_MESSAGES.test(e.message ?? ''),
  );
  if (!network) return null;
  // A bare socket error: the S3 client's and the download stream's carry no Prisma name.
  return links.some((e) => e.name?.startsWith('PrismaClient')) ? 'database' : 'storage';
}

/**
 * Puts an active job back in the delayed set for `delayMs` without using one of its attempts
 * (BullMQ's moveToDelayed skips the attempt count), and returns the DelayedError the processor
 * must throw so the worker neither completes nor fails it.
 */
export async function deferJob(
  job: Pick<Job, 'moveToDelayed'>,
  token: string | undefined,
  delayMs: number,
): Promise<DelayedError> {
  await job.moveToDelayed(Date.now() + delayMs, token);
  return new DelayedError();
}

/**
 * Runs `operation` until it succeeds or fails for a reason other than an unavailable dependency,
 * waiting `delayMs` between tries. Used to store work already done (a measured track) once the
 * database answers again, rather than throwing it away and doing it twice. `onWait` is told once,
 * at the first failed try.
 */
export async function retryWhileUnavailable<T>(
  operation: () => Promise<T>,
  options: {
    delayMs: number;
    signal?: AbortSignal;
    onWait?: (dependency: Dependency, error: Error) => void;
  },
): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await operation();
    } catch (error) {
      const dependency = unavailableDependency(error);
      if (!dependency || options.signal?.aborted) throw error;
      if (tries === 1) options.onWait?.(dependency, error as Error);
      await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    }
  }
}

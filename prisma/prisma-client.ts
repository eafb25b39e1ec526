import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client.ts';

export * from './generated/client.ts';

export interface PrismaClientOptions {
  databaseUrl: string;
  poolSize?: number;
  /** Called when an idle pooled connection breaks (database restarted, network cut). */
  onPoolError?: (error: Error) => void;
}

/**
 * A Prisma client on the pg driver adapter. The pool is ours so that a broken idle connection is
 * reported and dropped instead of crashing the process with an unhandled 'error' event.
 */
export function createPrismaClient(options: PrismaClientOptions): PrismaClient {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', (error) => options.onPoolError?.(error));
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new PrismaClient({ adapter });
}

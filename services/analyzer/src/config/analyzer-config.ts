import { parseEnv, sharedEnvSchema } from '@mixscope/contracts';
import { serviceConfigFrom, type ServiceConfig } from '@mixscope/service-kit';
import { hostname } from 'node:os';
import { z } from 'zod';

const analyzerEnvSchema = sharedEnvSchema.extend({
  /** Where tracks are downloaded while they are measured; defaults to the OS temp directory. */
  ANALYZER_TMP_DIR: z.string().min(1).optional(),
  /** Worker threads measuring audio in this process. */
  ANALYZER_MEASURE_THREADS: z.coerce.number().int().min(1).max(32).optional(),
  /** Longer tracks fail with a clear reason instead of tying up a worker. */
  ANALYZER_MAX_DURATION_SEC: z.coerce
    .number()
    .int()
    .min(1)
    .max(6 * 3600)
    .default(3600),
  /** Shown in logs and stored on jobs as the worker that ran them. */
  WORKER_NAME: z.string().min(1).optional(),
  /** Port of GET /metrics and GET /health; unset or 0 serves neither (several analyzers on one host). */
  METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  METRICS_HOST: z.string().min(1).default('0.0.0.0'),
});

export interface AnalyzerConfig extends ServiceConfig {
  workerName: string;
  tmpDir: string | undefined;
  measureThreads: number | undefined;
  maxDurationSec: number;
  metrics: { port: number; host: string };
}

export const ANALYZER_CONFIG = Symbol('ANALYZER_CONFIG');

export function loadAnalyzerConfig(
  env: Record<string, string | undefined> = process.env,
): AnalyzerConfig {
  const e = parseEnv('analyzer', analyzerEnvSchema, env);
  return {
    ...serviceConfigFrom(e),
    workerName: e.WORKER_NAME ?? `analyzer@${hostname()}:${process.pid}`,
    tmpDir: e.ANALYZER_TMP_DIR,
    measureThreads: e.ANALYZER_MEASURE_THREADS,
    maxDurationSec: e.ANALYZER_MAX_DURATION_SEC,
    metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST },
  };
}

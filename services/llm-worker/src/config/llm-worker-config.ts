import { DEFAULT_MODEL, GROQ_DEFAULTS, type GroqOptions } from '@mixscope/feedback';
import { parseEnv, sharedEnvSchema } from '@mixscope/contracts';
import { serviceConfigFrom, type ServiceConfig } from '@mixscope/service-kit';
import { hostname } from 'node:os';
import { z } from 'zod';

const llmWorkerEnvSchema = sharedEnvSchema.extend({
  /** Without it the worker still runs and stores the rules report, saying why. */
  GROQ_API_KEY: z.string().min(1).optional(),
  GROQ_MODEL: z.string().min(1).default(DEFAULT_MODEL),
  /** Another endpoint speaking Groq's API (a proxy, or a local fake in tests). */
  GROQ_BASE_URL: z.url().optional(),
  GROQ_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(GROQ_DEFAULTS.timeoutMs),
  /** Retries of one failed request by the groq-sdk client, the one layer that retries LLM calls. */
  GROQ_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(GROQ_DEFAULTS.maxRetries),
  /** Wall-clock budget of one report, retries included; keep it under the job's lock renewal. */
  GROQ_TOTAL_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(1_800_000)
    .default(GROQ_DEFAULTS.totalTimeoutMs),
  WORKER_NAME: z.string().min(1).optional(),
  /** Port of GET /metrics and GET /health; unset or 0 serves neither. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  METRICS_HOST: z.string().min(1).default('0.0.0.0'),
});

export interface LlmWorkerConfig extends ServiceConfig {
  workerName: string;
  /** The Groq settings buildFeedback takes; an empty apiKey means rules only. */
  groq: GroqOptions;
  metrics: { port: number; host: string };
}

export const LLM_WORKER_CONFIG = Symbol('LLM_WORKER_CONFIG');

export function loadLlmWorkerConfig(
  env: Record<string, string | undefined> = process.env,
): LlmWorkerConfig {
  const e = parseEnv('llm-worker', llmWorkerEnvSchema, env);
  return {
    ...serviceConfigFrom(e),
    workerName: e.WORKER_NAME ?? `llm-worker@${hostname()}:${process.pid}`,
    groq: {
      // Read here, once: buildFeedback never reads the environment; empty means rules only.
      apiKey: e.GROQ_API_KEY ?? '',
      model: e.GROQ_MODEL,
      baseURL: e.GROQ_BASE_URL,
      timeoutMs: e.GROQ_TIMEOUT_MS,
      maxRetries: e.GROQ_MAX_RETRIES,
      totalTimeoutMs: e.GROQ_TOTAL_TIMEOUT_MS,
    },
    metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST },
  };
}

import { z } from 'zod';

/**
 * Environment settings every service reads the same way (Postgres, Redis, S3, queue tuning; the
 * queue settings they tune live in libs/pipeline).
 * Each service validates them at boot together with its own settings; see .env.example.
 */

const optionalInt = (min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).optional();

export const sharedEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  /** json: one JSON object per line (for log collectors); text: for a person at a terminal. */
  LOG_FORMAT: z.enum(['json', 'text']).default('json'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .default('postgresql://postgres@127.0.0.1:5432/mixscope'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  /** Key prefix of every BullMQ key; lets several stacks share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[\w-]+$/)
    .default('mixscope'),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(3).default('mixscope-audio'),
  S3_ACCESS_KEY_ID: z.string().min(1).default('S3RVER'),
  S3_SECRET_ACCESS_KEY: z.string().min(1).default('S3RVER'),
  S3_FORCE_PATH_STYLE: z.stringbool().default(true),
  ANALYZE_CONCURRENCY: optionalInt(1, 64),
  QUEUE_LOCK_DURATION_MS: optionalInt(1_000, 3_600_000),
  QUEUE_STALLED_INTERVAL_MS: optionalInt(500, 3_600_000),
  JOB_ATTEMPTS: optionalInt(1, 20),
  JOB_BACKOFF_MS: optionalInt(100, 3_600_000),
});
export type SharedEnv = z.infer<typeof sharedEnvSchema>;

/**
 * Outgoing mail (team invitations). Unset SMTP_URL sends nothing: the inviter still gets the link
 * in the API answer. `npm start` and the tests point it at a local sink.
 */
export const mailEnvSchema = z.object({
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://host:465. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('MixScope <no-reply@mixscope.local>'),
  /** Where people open the web app; links in mail and share links point here. */
  PUBLIC_URL: z
    .url()
    .transform((url) => url.replace(/\/+$/, ''))
    .default('http://localhost:3000'),
});
export type MailEnv = z.infer<typeof mailEnvSchema>;

export interface S3Settings {
  /** Unset means AWS itself. */
  endpoint: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

export interface SharedConfig {
  env: SharedEnv['NODE_ENV'];
  logLevel: SharedEnv['LOG_LEVEL'];
  logFormat: SharedEnv['LOG_FORMAT'];
  database: { url: string; poolSize: number };
  redis: { url: string; prefix: string };
  s3: S3Settings;
}

export function sharedConfigFrom(env: SharedEnv): SharedConfig {
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT,
    database: { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE },
    redis: { url: env.REDIS_URL, prefix: env.QUEUE_PREFIX },
    s3: {
      endpoint: env.S3_ENDPOINT,
      region: env.S3_REGION,
      bucket: env.S3_BUCKET,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
    },
  };
}

/** Thrown at boot when the environment is invalid; its message lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(service: string, issues: string[]) {
    super(
      `${service} refuses to start: invalid configuration\n${issues.map((i) => `  - ${i}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Parses an environment with a zod schema, or throws ConfigError naming each bad variable. */
export function parseEnv<S extends z.ZodType>(
  service: string,
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  // Empty strings mean "unset", as in most .env files.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    service,
    parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
  );
}

/** ioredis connection fields from a redis:// or rediss:// URL (BullMQ takes options, not URLs). */
export function redisConnectionFields(url: string): {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: Record<string, never>;
} {
  const parsed = new URL(url);
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

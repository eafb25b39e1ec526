import { mailEnvSchema, parseEnv, sharedEnvSchema } from '@mixscope/contracts';
import { serviceConfigFrom, type ServiceConfig } from '@mixscope/service-kit';
import { z } from 'zod';

const MB = 1024 * 1024;

const gatewayEnvSchema = sharedEnvSchema.extend(mailEnvSchema.shape).extend({
  PORT: z.coerce.number().int().min(1).max(65_535).default(3001),
  /** Comma-separated origins allowed to call the API and open sockets with credentials. */
  CORS_ORIGINS: z.string().default('http://localhost:3000,http://127.0.0.1:3000'),
  /**
   * Which X-Forwarded-For entries to believe: a number is how many proxies stand in front (the
   * safe choice: a client cannot forge its address past them), true believes every entry.
   */
  TRUST_PROXY: z
    .union([z.string().regex(/^\d+$/).transform(Number), z.stringbool()])
    .default(false),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)'),
  JWT_TTL_SEC: z.coerce
    .number()
    .int()
    .min(60)
    .default(7 * 24 * 3600),
  COOKIE_SECURE: z.stringbool().optional(),
  COOKIE_SAMESITE: z.enum(['lax', 'strict']).default('lax'),
  INVITE_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(72),
  /** Public S3 endpoint written into presigned URLs, when browsers reach S3 by another name. */
  S3_PUBLIC_ENDPOINT: z.url().optional(),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(120 * MB),
  UPLOAD_URL_TTL_SEC: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(15 * 60),
  /** A pending upload whose URL expired this long ago is swept: its object deleted, the row marked deleted. */
  UPLOAD_ABANDONED_AFTER_SEC: z.coerce.number().int().min(0).default(3600),
  /** Bytes of audio a team may keep (ready and pending uploads); 0 means no limit. */
  TEAM_STORAGE_QUOTA_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(50 * 1024 * MB),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_ANALYSES_PER_MINUTE: z.coerce.number().int().min(1).default(5),
  /** Reads of the public share routes one client address may make per minute. */
  RATE_LIMIT_SHARED_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Rejected credentials (bad tokens or sessions) one client address may present per minute. */
  RATE_LIMIT_BAD_CREDENTIALS_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Failed logins one account may take per 15 minutes, from any number of addresses. */
  RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  /** How often queued or running analyses are checked against the queue and re-enqueued if lost. */
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(200).default(30_000),
  /** An analysis untouched for this long and missing from the queue is re-enqueued. */
  RECONCILE_GRACE_MS: z.coerce.number().int().min(0).default(15_000),
  /** Audio older than this many days is deleted from S3 (analyses are kept); 0 keeps it forever. */
  AUDIO_RETENTION_DAYS: z.coerce.number().min(0).max(36_500).default(30),
  /** How often the retention sweep looks for audio past its time. */
  RETENTION_SWEEP_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(200)
    .default(60 * 60 * 1000),
  /** When set, GET /metrics requires `Authorization: Bearer <this>`. */
  METRICS_TOKEN: z.string().min(16).optional(),
});

export interface GatewayConfig extends ServiceConfig {
  http: { port: number; corsOrigins: string[]; trustProxy: boolean | number };
  auth: {
    jwtSecret: string;
    jwtTtlSec: number;
    cookieName: string;
    cookieSecure: boolean;
    cookieSameSite: 'lax' | 'strict';
    inviteTtlHours: number;
  };
  uploads: {
    maxBytes: number;
    urlTtlSec: number;
    publicEndpoint: string | undefined;
    abandonedAfterSec: number;
    teamQuotaBytes: number;
  };
  rateLimits: {
    perMinute: number;
    authPerMinute: number;
    analysesPerMinute: number;
    sharedPerMinute: number;
    badCredentialsPerMinute: number;
    loginFailuresPerAccount: number;
  };
  reconcile: { intervalMs: number; graceMs: number };
  retention: { audioDays: number; sweepIntervalMs: number };
  metrics: { token: string | undefined };
  mail: { smtpUrl: string | undefined; from: string; publicUrl: string };
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export function loadGatewayConfig(
  env: Record<string, string | undefined> = process.env,
): GatewayConfig {
  const e = parseEnv('gateway', gatewayEnvSchema, env);
  return {
    ...serviceConfigFrom(e),
    http: {
      port: e.PORT,
      corsOrigins: e.CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      trustProxy: e.TRUST_PROXY,
    },
    auth: {
      jwtSecret: e.JWT_SECRET,
      jwtTtlSec: e.JWT_TTL_SEC,
      cookieName: 'mixscope_session',
      cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === 'production',
      cookieSameSite: e.COOKIE_SAMESITE,
      inviteTtlHours: e.INVITE_TTL_HOURS,
    },
    uploads: {
      maxBytes: e.UPLOAD_MAX_BYTES,
      urlTtlSec: e.UPLOAD_URL_TTL_SEC,
      publicEndpoint: e.S3_PUBLIC_ENDPOINT,
      abandonedAfterSec: e.UPLOAD_ABANDONED_AFTER_SEC,
      teamQuotaBytes: e.TEAM_STORAGE_QUOTA_BYTES,
    },
    rateLimits: {
      perMinute: e.RATE_LIMIT_PER_MINUTE,
      authPerMinute: e.RATE_LIMIT_AUTH_PER_MINUTE,
      analysesPerMinute: e.RATE_LIMIT_ANALYSES_PER_MINUTE,
      sharedPerMinute: e.RATE_LIMIT_SHARED_PER_MINUTE,
      badCredentialsPerMinute: e.RATE_LIMIT_BAD_CREDENTIALS_PER_MINUTE,
      loginFailuresPerAccount: e.RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT,
    },
    reconcile: { intervalMs: e.RECONCILE_INTERVAL_MS, graceMs: e.RECONCILE_GRACE_MS },
    retention: {
      audioDays: e.AUDIO_RETENTION_DAYS,
      sweepIntervalMs: e.RETENTION_SWEEP_INTERVAL_MS,
    },
    metrics: { token: e.METRICS_TOKEN },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, publicUrl: e.PUBLIC_URL },
  };
}

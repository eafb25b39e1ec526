import type { AuthenticatedRequest } from '../auth/auth-context.ts';
import type { GatewayConfig } from '../config/gateway-config.ts';
import { RATE_LIMIT_NAMES, type RateLimitName } from './rate-limit.decorator.ts';

export const MINUTE_MS = 60_000;

export interface NamedLimit {
  limit: number;
  ttlMs: number;
  /** What a refused caller reads; the same whether the route or a peek before it refuses. */
  message: string;
}

/** The named budgets, each shared by every route carrying it. */
export function namedLimits(config: GatewayConfig): Record<RateLimitName, NamedLimit> {
  const { rateLimits } = config;
  return {
    auth: {
      limit: rateLimits.authPerMinute,
      ttlMs: MINUTE_MS,
      message: `Too many sign-up, login or invitation requests from this address (at most ${rateLimits.authPerMinute} a minute); try again later`,
    },
    analyses: {
      limit: rateLimits.analysesPerMinute,
      ttlMs: MINUTE_MS,
      message: `At most ${rateLimits.analysesPerMinute} analyses (or batches) can be started a minute; try again later`,
    },
    shared: {
      limit: rateLimits.sharedPerMinute,
      ttlMs: MINUTE_MS,
      message: `Too many requests for shared links from this address (at most ${rateLimits.sharedPerMinute} a minute); try again later`,
    },
  };
}

export const DEFAULT_LIMIT_MESSAGE = 'Too many requests; try again later';

/** The counter key of a named limit: one per caller, whatever route of the budget they call. */
export const namedLimitKey = (name: RateLimitName, tracker: string) => `${name}:${tracker}`;

/** Which named limit a counter key belongs to (undefined: the default per-route limit). */
export function namedLimitOfKey(key: string): RateLimitName | undefined {
  const name = key.slice(0, key.indexOf(':'));
  return (RATE_LIMIT_NAMES as readonly string[]).includes(name)
    ? (name as RateLimitName)
    : undefined;
}

/** How a caller is counted: per user once logged in, per client address before that. */
export const trackerOf = (req: AuthenticatedRequest & { ip?: unknown }): string =>
  req.auth ? `user:${req.auth.userId}` : `ip:${String(req.ip)}`;

import { SetMetadata, type ExecutionContext } from '@nestjs/common';

/** Named limits beyond the default one; their sizes come from config (RATE_LIMIT_*). */
export const RATE_LIMIT_NAMES = ['auth', 'analyses', 'shared'] as const;
export type RateLimitName = (typeof RATE_LIMIT_NAMES)[number];

const RATE_LIMIT = 'mixscope:rate-limit';

/** Puts a route (or every route of a controller) under a stricter named limit, on top of the default one. */
export const RateLimit = (name: RateLimitName) => SetMetadata(RATE_LIMIT, name);

export function rateLimitOf(context: ExecutionContext): RateLimitName | undefined {
  return (Reflect.getMetadata(RATE_LIMIT, context.getHandler()) ??
    Reflect.getMetadata(RATE_LIMIT, context.getClass())) as RateLimitName | undefined;
}

/** An HTTP error from the gateway, with what the user needs to act on it. */
export class ApiError extends Error {
  readonly status: number;
  /** Seconds to wait before trying again, from Retry-After on a 429. */
  readonly retryAfterSec: number | null;
  readonly code: string | null;

  constructor(status: number, message: string, retryAfterSec: number | null, code: string | null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.retryAfterSec = retryAfterSec;
    this.code = code;
  }
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** NestJS answers `{statusCode, message, error}`, where message may be a list of validation errors. */
export function messageFromBody(body: unknown, fallback: string): string {
  if (body && typeof body === 'object' && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string' && message) return message;
  }
  return fallback;
}

export function codeFromBody(body: unknown): string | null {
  if (body && typeof body === 'object' && 'code' in body) {
    const code = (body as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return null;
}

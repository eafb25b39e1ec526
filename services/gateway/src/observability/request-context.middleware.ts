import { randomUUID } from 'node:crypto';
import { withLogContext } from '@mixscope/observability';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Histogram } from 'prom-client';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE_ID = /^[\w.:-]{1,128}$/;
/** Probes and scrapes, logged at debug so they do not drown the access log. */
const QUIET_PATHS = new Set(['/api/health', '/api/ready', '/metrics']);

/** The caller's request id when it is a sane token (a proxy's), otherwise a new one. */
export function requestIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && ACCEPTABLE_ID.test(value) ? value : randomUUID();
}

/**
 * Gives every request an id (echoed in X-Request-Id), runs the rest of the request inside a log
 * context carrying it, and on the way out writes one access line and records the latency under
 * the route's template (not the raw path, which would make a series per analysis id).
 */
export function requestContextMiddleware(
  log: Logger,
  latency: Histogram<'method' | 'route' | 'status'>,
) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const requestId = requestIdOf(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      const status = res.statusCode;
      latency.observe({ method: req.method, route, status: String(status) }, seconds);
      const path = req.path;
      const level = QUIET_PATHS.has(path) ? 'debug' : status >= 500 ? 'error' : 'info';
      log[level](
        {
          requestId,
          context: 'Http',
          method: req.method,
          route,
          status,
          durationMs: Math.round(seconds * 1e4) / 10,
        },
        `${req.method} ${path} ${status}`,
      );
    });
    withLogContext({ requestId }, next);
  };
}

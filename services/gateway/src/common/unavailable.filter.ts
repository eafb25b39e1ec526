import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { bodyParserErrorMessage } from './json-body.ts';

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'P1001',
  'P1002',
  'P1017',
  // Every pooled connection stayed busy past the wait (a burst larger than the pool): the
  // request did nothing, so it can be sent again.
  'P2024',
  'P2028',
]);

/** Whether an error means a backing service (Postgres, Redis, S3) is unreachable right now. */
export function isUnavailable(error: unknown): boolean {
  const e = error as { code?: string; cause?: unknown; message?: string } | null;
  if (!e) return false;
  if (e.code && UNAVAILABLE_CODES.has(e.code)) return true;
  if (
    typeof e.message === 'string' &&
    /Connection (is )?closed|connect ECONNREFUSED|Connection terminated|timeout exceeded when trying to connect/i.test(
      e.message,
    )
  ) {
    return true;
  }
  return e.cause !== undefined && e.cause !== error && isUnavailable(e.cause);
}

/** An error body-parser raised about the request (too large, not JSON, bad charset): the client's fault. */
function clientBodyError(error: unknown): { status: number; message: string } | null {
  const e = error as { status?: unknown; type?: unknown; expose?: unknown; message?: string };
  if (typeof e?.status !== 'number' || e.status < 400 || e.status >= 500) return null;
  if (typeof e.type !== 'string' || e.expose !== true) return null;
  return { status: e.status, message: bodyParserErrorMessage(e.type, e.message ?? '') };
}

/**
 * Answers unexpected errors as 503 when a backing service is down and 500 otherwise, without
 * leaking internals; HTTP errors pass through unchanged.
 */
@Catch()
export class UnexpectedErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      this.logger.error((error as Error)?.stack ?? String(error));
      return;
    }
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof HttpException) {
      const body = error.getResponse();
      const retryAfter = (error as { retryAfterSec?: unknown }).retryAfterSec;
      if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
      res
        .status(error.getStatus())
        .json(typeof body === 'string' ? { statusCode: error.getStatus(), message: body } : body);
      return;
    }
    const bodyError = clientBodyError(error);
    if (bodyError) {
      res
        .status(bodyError.status)
        .json({ statusCode: bodyError.status, message: bodyError.message });
      return;
    }
    if (isUnavailable(error)) {
      this.logger.warn(`backing service unavailable: ${(error as Error).message}`);
      res.setHeader('Retry-After', '5');
      res.status(503).json({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'A backing service is unavailable; try again shortly',
      });
      return;
    }
    this.logger.error((error as Error)?.stack ?? String(error));
    res
      .status(500)
      .json({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
  }
}

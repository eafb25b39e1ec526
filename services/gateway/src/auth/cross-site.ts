import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin a browser says a request came from: Origin, or failing that the Referer's. */
export function requestOrigin(headers: IncomingMessage['headers']): string | null {
  const origin = headers.origin;
  if (origin && origin !== 'null') return origin;
  if (origin === 'null') return 'null';
  const referer = headers.referer;
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

const isJson = (contentType: string) =>
  /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType.trim());

function refuse(res: Response, status: number, message: string): void {
  res.status(status).json({ statusCode: status, message });
}

/**
 * Cross-site request forgery defence, before any route runs:
 * - a state-changing request's body is JSON or absent (a form or text/plain body, which a
 *   foreign page can send without a CORS preflight, is 415);
 * - one that carries the session cookie rather than a Bearer token must come from an allowed
 *   origin (the CORS allow-list), which a browser states in Origin (or Referer); a request
 *   with neither is refused too, since the cookie alone proves nothing about the page.
 */
export function crossSiteGuard(allowedOrigins: readonly string[], cookieName: string) {
  const allowed = new Set(allowedOrigins);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) return next();
    const contentType = req.headers['content-type'];
    if (contentType !== undefined ? !isJson(contentType) : hasBody(req)) {
      return refuse(res, 415, 'Request bodies must be JSON (Content-Type: application/json)');
    }
    const byCookie =
      !req.headers.authorization &&
      (req.headers.cookie ?? '').split(';').some((c) => c.trim().startsWith(`${cookieName}=`));
    if (byCookie) {
      const origin = requestOrigin(req.headers);
      if (origin === null || !allowed.has(origin)) {
        return refuse(
          res,
          403,
          origin === null
            ? 'Cross-site request refused: a request authenticated by cookie must state its Origin'
            : `Cross-site request refused: origin ${origin} is not allowed`,
        );
      }
    }
    next();
  };
}

/**
 * Socket.IO's allowRequest, which sees every transport (CORS only covers long-polling; a
 * WebSocket handshake is not subject to it): a browser always sends Origin, so a foreign one is
 * refused. Clients that are not browsers send none and authenticate with a token.
 */
export function socketOriginCheck(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  return (req: IncomingMessage, callback: (err: string | null, success: boolean) => void) => {
    const origin = req.headers.origin;
    if (origin === undefined || allowed.has(origin)) callback(null, true);
    else callback(`origin ${origin} is not allowed`, false);
  };
}

import { ApiError, codeFromBody, messageFromBody, parseRetryAfter } from './api-error.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Calls the gateway under /api on the same origin; the session rides in the httpOnly cookie. */
export async function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(
      0,
      'The server cannot be reached. Check your connection and try again.',
      null,
      'network',
    );
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) {
    throw new ApiError(
      response.status,
      messageFromBody(parsed, response.statusText || `HTTP ${response.status}`),
      parseRetryAfter(response.headers.get('retry-after')),
      codeFromBody(parsed),
    );
  }
  return parsed as T;
}

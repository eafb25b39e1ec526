import { ApiError } from '../api/api-error.ts';
import { StorageUploadError } from '../api/put-to-storage.ts';

function waitText(seconds: number | null): string {
  if (seconds === null) return 'Wait a minute and try again.';
  if (seconds < 60) return `Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/** Puts an error into words a user can act on. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.status) {
      case 0:
        return error.message;
      case 401:
        return 'Your session has ended or the credentials are wrong. Log in again.';
      case 403:
        return error.message || 'You do not have permission to do that in this team.';
      case 404:
        return 'Not found. It may have been deleted, or it belongs to a team you are not in.';
      case 409:
        return error.message || 'That already exists.';
      case 413:
        return `The file is too large: the limit is 120 MB. ${error.message}`.trim();
      case 415:
      case 422:
        return `The file is not audio MixScope can read. ${error.message}`.trim();
      case 429:
        return `Too many requests: the rate limit was reached. ${waitText(error.retryAfterSec)}`;
      default:
        if (error.status >= 500)
          return `The server ran into a problem (HTTP ${error.status}). Try again shortly.`;
        return error.message;
    }
  }
  if (error instanceof StorageUploadError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

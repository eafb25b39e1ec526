export const DEFAULT_AFTER_LOGIN = '/projects';

/**
 * Where to go after logging in: `next` only when it names a path on this origin. It is resolved
 * the way the browser will resolve it (backslashes read as slashes, tabs and newlines dropped),
 * then must keep the origin and a path starting with exactly one '/', so `/\evil`, `/%09/evil`,
 * `//evil` and `javascript:` all fall back to the default.
 */
export function safeNextPath(next: string | null, origin: string): string {
  if (!next) return DEFAULT_AFTER_LOGIN;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
  if (url.origin !== origin || !/^\/(?![/\\])/.test(url.pathname)) return DEFAULT_AFTER_LOGIN;
  return `${url.pathname}${url.search}${url.hash}`;
}

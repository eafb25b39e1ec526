/** The credential a socket handshake carries: `auth: {token}` first, else the session cookie. */
export function socketCredential(
  auth: Record<string, unknown> | undefined,
  cookieHeader: string | undefined,
  cookieName: string,
): string | null {
  const token = auth?.token;
  if (typeof token === 'string' && token.length > 0) return token.replace(/^Bearer\s+/i, '');
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === cookieName) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim()) || null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

// Security headers of every page web/start.mjs serves. They are set there, at run time, because
// Next writes the headers of next.config into its build, and connect-src names the S3 endpoint of
// the running stack.
//
// script-src: Next's App Router streams page data in inline <script> tags, and prerendered pages
// cannot carry a per-request nonce, so inline scripts are allowed; scripts from any other origin,
// eval and plugins are not. connect-src: the API and Socket.IO are same-origin (proxied), and
// uploads go straight to the S3 endpoint of presigned URLs.

/** The origin browsers PUT uploads to: S3_PUBLIC_ENDPOINT, else S3_ENDPOINT. */
function storageOrigin(env) {
  const endpoint = env.S3_PUBLIC_ENDPOINT || env.S3_ENDPOINT;
  if (!endpoint) return null;
  try {
    return new URL(endpoint).origin;
  } catch {
    return null;
  }
}

export function contentSecurityPolicy(env = process.env) {
  const storage = storageOrigin(env);
  const directives = {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'unsafe-inline'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(storage ? [storage] : [])],
    'media-src': ["'self'", 'blob:', ...(storage ? [storage] : [])],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** Header name → value, for every page response. */
export function securityHeaders(env = process.env) {
  return {
    'Content-Security-Policy': contentSecurityPolicy(env),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  };
}

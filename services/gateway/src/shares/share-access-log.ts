import { createHmac } from 'node:crypto';

/** Who read a share: enough to tell visitors apart, nothing that names them. */
export interface ShareVisitor {
  ip: string | undefined;
  userAgent: string | undefined;
}

export type ShareRoute = 'analysis' | 'audio:mix' | 'audio:reference';

const USER_AGENT_MAX_CHARS = 300;

/**
 * The row an access adds to share_accesses. The address is kept as an HMAC under a server secret:
 * a plain hash of an IPv4 address is reversed by trying all 2^32 of them.
 */
export function accessRecord(
  shareId: string,
  route: ShareRoute,
  visitor: ShareVisitor,
  secret: string,
) {
  return {
    shareId,
    route,
    ipHash: createHmac('sha256', secret)
      .update(visitor.ip ?? 'unknown')
      .digest('hex'),
    userAgent: visitor.userAgent?.slice(0, USER_AGENT_MAX_CHARS) ?? null,
  };
}

import { createHash, randomBytes } from 'node:crypto';

/**
 * High-entropy secrets (API tokens, invitation tokens, share links) are stored as SHA-256 digests: unlike
 * passwords they cannot be guessed, so a slow hash adds nothing, and lookup by digest stays O(1).
 */
export function newSecretToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function digestToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const API_TOKEN_PREFIX = 'msk_';
export const INVITE_TOKEN_PREFIX = 'msi_';
export const SHARE_TOKEN_PREFIX = 'mss_';

import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { AuthContext } from './auth-context.ts';
import type { Invalidation } from './credential-invalidations.ts';

/**
 * How long a resolved credential is trusted without asking the database again. It bounds how long
 * an instance keeps accepting a session logged out or a membership ended elsewhere when the
 * invalidation sent through Redis (CredentialInvalidations) does not reach it. Two seconds is shorter than a person takes to act
 * on a page they just lost, and a client reading in a loop still asks the database once per window.
 */
export const CREDENTIAL_TTL_MS = 2_000;
const CREDENTIALS_KEPT = 10_000;

/** What the database said about a credential: who it is and until when it is valid. */
export interface Confirmed {
  auth: AuthContext;
  /** The session's or token's own expiry; null for a token that does not expire. */
  expiresAt: Date | null;
}

interface Entry {
  auth: AuthContext;
  /** Epoch ms; never later than the session's or token's own expiry. */
  validUntil: number;
}

/**
 * Credentials the database confirmed moments ago, so a client reading at a high rate costs a
 * digest and a map lookup instead of a JWT check and two queries per request. Keyed by a SHA-256 of
 * the credential, so the raw secret is not kept.
 */
export class CredentialCache {
  private readonly entries = new LRUCache<string, Entry>({ max: CREDENTIALS_KEPT });
  /** Lookups under way: concurrent requests with one credential wait for one lookup. */
  private readonly inFlight = new Map<string, Promise<AuthContext | null>>();
  /** Bumped by every forget: a lookup that began before one must not store what it read. */
  private generation = 0;

  constructor(private readonly ttlMs = CREDENTIAL_TTL_MS) {}

  /** The cached caller of a credential, if confirmed within the last ttlMs and not forgotten since. */
  get(credential: string, now = Date.now()): AuthContext | undefined {
    return this.fresh(digest(credential), now);
  }

  /** The cached caller, or the result of `lookUp` (shared with every request that asks meanwhile). */
  resolve(
    credential: string,
    lookUp: () => Promise<Confirmed | null>,
  ): Promise<AuthContext | null> {
    const key = digest(credential);
    const cached = this.fresh(key, Date.now());
    if (cached) return Promise.resolve(cached);
    const running = this.inFlight.get(key);
    if (running) return running;
    const since = this.generation;
    const lookup = lookUp()
      .then((confirmed) => {
        if (!confirmed) return null;
        const now = Date.now();
        const validUntil = Math.min(now + this.ttlMs, confirmed.expiresAt?.getTime() ?? Infinity);
        if (since === this.generation && validUntil > now)
          this.entries.set(key, { auth: confirmed.auth, validUntil });
        return confirmed.auth;
      })
      .finally(() => {
        if (this.inFlight.get(key) === lookup) this.inFlight.delete(key);
      });
    this.inFlight.set(key, lookup);
    return lookup;
  }

  /** A session logged out, an API token revoked, or a user whose teams changed. */
  forget(invalidation: Invalidation): void {
    this.forgetWhere((auth) =>
      'sessionId' in invalidation
        ? auth.sessionId === invalidation.sessionId
        : 'apiTokenId' in invalidation
          ? auth.apiTokenId === invalidation.apiTokenId
          : auth.userId === invalidation.userId,
    );
  }

  private fresh(key: string, now: number): AuthContext | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.validUntil > now) return entry.auth;
    this.entries.delete(key);
    return undefined;
  }

  private forgetWhere(matches: (auth: AuthContext) => boolean): void {
    this.generation++;
    // A lookup under way may have read the old state: later requests start their own.
    this.inFlight.clear();
    for (const [key, entry] of this.entries.entries())
      if (matches(entry.auth)) this.entries.delete(key);
  }
}

const digest = (credential: string) => createHash('sha256').update(credential).digest('base64');

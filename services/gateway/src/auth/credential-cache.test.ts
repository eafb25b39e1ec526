import { describe, expect, it } from 'vitest';
import type { AuthContext } from './auth-context.ts';
import { CredentialCache, type Confirmed } from './credential-cache.ts';

const alice: AuthContext = { userId: 'u1', sessionId: 's1', teamIds: ['t1'] };
const inAMinute = () => new Date(Date.now() + 60_000);

/** A lookup that counts its calls and answers when released. */
function lookup(answer: Confirmed | null) {
  let calls = 0;
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  return {
    fn: async () => {
      calls++;
      await gate;
      return answer;
    },
    calls: () => calls,
    release: () => release(),
  };
}

describe('CredentialCache', () => {
  it('asks once for concurrent requests and then answers from memory until the TTL ends', async () => {
    const cache = new CredentialCache(200);
    const db = lookup({ auth: alice, expiresAt: inAMinute() });
    const waiting = [cache.resolve('tok', db.fn), cache.resolve('tok', db.fn)];
    db.release();
    expect(await Promise.all(waiting)).toEqual([alice, alice]);
    expect(await cache.resolve('tok', db.fn)).toEqual(alice);
    expect(cache.get('tok')).toEqual(alice);
    expect(db.calls()).toBe(1);
    await new Promise((r) => setTimeout(r, 250));
    expect(cache.get('tok')).toBeUndefined();
    await cache.resolve('tok', db.fn);
    expect(db.calls()).toBe(2);
  });

  it('keeps nothing past the credential’s own expiry, and nothing that was refused', async () => {
    const cache = new CredentialCache(60_000);
    const expiring = lookup({ auth: alice, expiresAt: new Date(Date.now() + 50) });
    expiring.release();
    await cache.resolve('soon', expiring.fn);
    await new Promise((r) => setTimeout(r, 80));
    expect(cache.get('soon')).toBeUndefined();

    const refused = lookup(null);
    refused.release();
    expect(await cache.resolve('forged', refused.fn)).toBeNull();
    expect(await cache.resolve('forged', refused.fn)).toBeNull();
    expect(refused.calls()).toBe(2);
  });

  it('forgets a revoked session and a user whose teams changed, and drops a lookup that raced the change', async () => {
    const cache = new CredentialCache(60_000);
    const first = lookup({ auth: alice, expiresAt: inAMinute() });
    first.release();
    await cache.resolve('a', first.fn);
    cache.forget({ sessionId: 's1' });
    expect(cache.get('a')).toBeUndefined();

    await cache.resolve('a', first.fn);
    cache.forget({ apiTokenId: 'other' });
    expect(cache.get('a')).toEqual(alice);
    cache.forget({ userId: 'u1' });
    expect(cache.get('a')).toBeUndefined();

    // Read before Alice left her team, answered after: used by its own request, never kept, and
    // a request arriving after the change does not join it.
    const stale = lookup({ auth: alice, expiresAt: inAMinute() });
    const racing = cache.resolve('a', stale.fn);
    cache.forget({ userId: 'u1' });
    const fresh = lookup({ auth: { ...alice, teamIds: [] }, expiresAt: inAMinute() });
    const after = cache.resolve('a', fresh.fn);
    stale.release();
    fresh.release();
    expect(await racing).toEqual(alice);
    expect((await after)?.teamIds).toEqual([]);
    expect(cache.get('a')?.teamIds).toEqual([]);
  });
});

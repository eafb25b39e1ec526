import { describe, expect, it } from 'vitest';
import { namesEtag } from './if-none-match.ts';

describe('namesEtag', () => {
  it('matches the tag itself, its weak form, one of a list, and *', () => {
    expect(namesEtag('"abc"', '"abc"')).toBe(true);
    expect(namesEtag('W/"abc"', '"abc"')).toBe(true);
    expect(namesEtag('"x", "abc" ,"y"', '"abc"')).toBe(true);
    expect(namesEtag('*', '"abc"')).toBe(true);
  });

  it('refuses another tag, a prefix of it, an unquoted one and no header', () => {
    expect(namesEtag('"abd"', '"abc"')).toBe(false);
    expect(namesEtag('"ab"', '"abc"')).toBe(false);
    expect(namesEtag('abc', '"abc"')).toBe(false);
    expect(namesEtag(undefined, '"abc"')).toBe(false);
    expect(namesEtag('', '"abc"')).toBe(false);
  });
});

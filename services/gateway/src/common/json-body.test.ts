import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, checkJsonBody } from './json-body.ts';

const check = (text: string) => () => checkJsonBody(Buffer.from(text));

describe('checkJsonBody', () => {
  it('accepts nesting up to the limit and refuses one level more', () => {
    const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(check(nested(MAX_JSON_DEPTH))).not.toThrow();
    expect(check(nested(MAX_JSON_DEPTH + 1))).toThrow(/nested deeper/);
    expect(check(`{"a":${nested(5000)}}`)).toThrow(/nested deeper/);
  });

  it('does not count brackets inside strings', () => {
    expect(check(`{"name":"${'['.repeat(100)}"}`)).not.toThrow();
    expect(check(`{"name":"quote \\" then ${'{'.repeat(100)}"}`)).not.toThrow();
  });

  it('refuses an escaped NUL but not an escaped backslash before u0000', () => {
    expect(check('{"name":"a\\u0000"}')).toThrow(/NUL/);
    expect(check('{"name":"a\\\\u0000"}')).not.toThrow();
    expect(check('{"name":"a\\u00001"}')).toThrow(/NUL/);
    expect(check('{"name":"a\\u0001"}')).not.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { ValidatedDocuments } from './validated-documents.ts';

describe('ValidatedDocuments', () => {
  it('validates each key once and hands back the same document', () => {
    const cache = new ValidatedDocuments<{ n: number }>(10);
    let validations = 0;
    const validate = () => ({ n: ++validations });
    const first = cache.get('a@1', validate);
    expect(cache.get('a@1', validate)).toBe(first);
    expect(validations).toBe(1);
    expect(cache.get('a@2', validate)).toEqual({ n: 2 });
  });

  it('forgets the oldest key when full', () => {
    const cache = new ValidatedDocuments<string>(2);
    let validations = 0;
    const validate = () => `v${++validations}`;
    cache.get('a', validate);
    cache.get('b', validate);
    cache.get('c', validate);
    expect(cache.get('b', validate)).toBe('v2');
    expect(cache.get('a', validate)).toBe('v4');
    expect(validations).toBe(4);
  });

  it('keeps nothing when validation throws', () => {
    const cache = new ValidatedDocuments<string>(2);
    expect(() =>
      cache.get('bad', () => {
        throw new Error('invalid');
      }),
    ).toThrow('invalid');
    expect(cache.get('bad', () => 'fixed')).toBe('fixed');
  });
});

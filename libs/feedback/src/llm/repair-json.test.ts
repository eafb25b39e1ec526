import { describe, expect, it } from 'vitest';
import { extractJson, normaliseReportShape } from './repair-json.ts';

describe('extractJson', () => {
  it('reads plain JSON untouched', () => {
    expect(extractJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 }, repairs: [] });
  });

  it('strips markdown fences', () => {
    expect(extractJson('```json\n{"a": 1}\n```')).toEqual({
      ok: true,
      value: { a: 1 },
      repairs: ['removed markdown code fence'],
    });
  });

  it('cuts prose around the object, respecting braces in strings', () => {
    const out = extractJson('Here is the report:\n{"a": "x } y", "b": {"c": 2}}\nHope it helps!');
    expect(out).toEqual({
      ok: true,
      value: { a: 'x } y', b: { c: 2 } },
      repairs: ['removed text around the JSON object'],
    });
  });

  it('gives up on broken JSON and on no JSON', () => {
    expect(extractJson('{"a": 1,,}').ok).toBe(false);
    expect(extractJson('I cannot help with that.')).toEqual({
      ok: false,
      error: 'the answer holds no JSON object',
    });
  });
});

describe('normaliseReportShape', () => {
  it('unwraps {"report": {...}} and fills a missing referenceComparison only without a reference', () => {
    const repairs: string[] = [];
    expect(normaliseReportShape({ report: { summary: 's' } }, repairs, false)).toEqual({
      summary: 's',
      referenceComparison: null,
    });
    expect(repairs).toEqual(['unwrapped "report"', 'set missing referenceComparison to null']);
    expect(normaliseReportShape({ summary: 's' }, [], true)).toEqual({ summary: 's' });
  });
});

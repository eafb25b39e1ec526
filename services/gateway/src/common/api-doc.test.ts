import { shareDtoSchema } from '@mixscope/contracts';
import { describe, expect, it } from 'vitest';
import { apiComponentSchemas } from './api-doc.ts';

describe('apiComponentSchemas', () => {
  it('publishes the contract schemas as OpenAPI components whose references all resolve', () => {
    const schemas = apiComponentSchemas();
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['ShareDto', 'AnalysisDto', 'SharedAnalysisDto']),
    );
    const refs = JSON.stringify(schemas).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) {
      const id = ref.replace(/^"\$ref":"#\/components\/schemas\//, '').replace(/"$/, '');
      expect(schemas, ref).toHaveProperty([id]);
    }
    expect(schemas).not.toHaveProperty(['__shared']);
    // The shapes are the contract's: a share list item lists exactly its fields as required.
    expect(schemas.ShareDto).toMatchObject({
      type: 'object',
      required: Object.keys(shareDtoSchema.shape),
    });
  });
});

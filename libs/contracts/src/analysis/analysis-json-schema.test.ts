import { describe, expect, it } from 'vitest';
import committed from '../../schema/analysis-result.schema.json' with { type: 'json' };
import { ANALYSIS_RESULT_SCHEMA_FILE, analysisResultJsonSchema } from './analysis-json-schema.ts';

describe('the published analysis result JSON Schema', () => {
  it('is the one generated from the zod contract', () => {
    expect(
      committed,
      `${ANALYSIS_RESULT_SCHEMA_FILE} is out of date: run \`npm run contracts:generate\``,
    ).toEqual(analysisResultJsonSchema());
  });

  it('documents the fields and keeps the six-band rule', () => {
    const schema = analysisResultJsonSchema() as {
      title: string;
      $defs: Record<string, { properties: Record<string, Record<string, unknown>> }>;
    };
    expect(schema.title).toBe('MixScope AnalysisResult');
    expect(schema.$defs.spectrumBand.properties.share.description).toMatch(/six shares sum to 1/);
    expect(schema.$defs.spectrum.properties.bands).toMatchObject({
      minItems: 6,
      maxItems: 6,
      allOf: expect.arrayContaining([
        {
          contains: { type: 'object', required: ['name'], properties: { name: { const: 'air' } } },
        },
      ]),
    });
  });
});

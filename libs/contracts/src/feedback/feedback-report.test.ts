import { describe, expect, it } from 'vitest';
import { feedbackSchema, reportSchema, type Report } from './feedback-report.ts';
import { REPORT_SCHEMA_NAME, reportJsonSchema } from './report-json-schema.ts';

type Node = Record<string, unknown>;

/** Every object node of a JSON Schema, with its path. */
function objectNodes(node: unknown, path = 'report'): [string, Node][] {
  if (typeof node !== 'object' || node === null) return [];
  const here = node as Node;
  const children = Object.entries(here).flatMap(([key, child]) =>
    Array.isArray(child)
      ? child.flatMap((item, i) => objectNodes(item, `${path}.${key}[${i}]`))
      : objectNodes(child, `${path}.${key}`),
  );
  return here.type === 'object' ? [[path, here], ...children] : children;
}

const report: Report = {
  summary: 'Loud and clean.',
  loudnessDynamics: 'Integrated -9.7 LUFS.',
  spectralBalance: 'Balanced.',
  stereoImage: 'Centred low end.',
  strengths: ['Punchy.'],
  weaknesses: [],
  suggestions: [
    { priority: 'high', area: 'loudness', action: 'Lower the ceiling.', detail: 'TP.' },
  ],
  processing: [
    {
      type: 'limiting',
      target: 'master limiter',
      settings: [{ parameter: 'ceiling', value: -1, unit: 'dBTP' }],
    },
  ],
  referenceComparison: null,
};

describe('the response format sent to Groq', () => {
  const schema = reportJsonSchema();

  it('is generated from the report schema and fits strict structured output', () => {
    expect(REPORT_SCHEMA_NAME).toMatch(/^[\w-]{1,64}$/);
    expect(schema).not.toHaveProperty('$schema');
    expect(JSON.stringify(schema)).not.toContain('$ref');
    expect(Object.keys(schema.properties as Node)).toEqual(Object.keys(reportSchema.shape));
    const objects = objectNodes(schema);
    expect(objects.map(([path]) => path)).toEqual([
      'report',
      'report.properties.suggestions.items',
      'report.properties.processing.items',
      'report.properties.processing.items.properties.settings.items',
    ]);
    for (const [path, node] of objects) {
      expect(node.additionalProperties, path).toBe(false);
      expect(node.required, path).toEqual(Object.keys(node.properties as Node));
    }
  });

  it('says what each section is for and that a missing reference is null', () => {
    const properties = schema.properties as Record<string, Node>;
    for (const [name, property] of Object.entries(properties))
      expect(property.description, name).toEqual(expect.any(String));
    expect(properties.referenceComparison.type).toEqual(['string', 'null']);
    expect((properties.suggestions.items as Node).properties).toMatchObject({
      priority: { enum: ['high', 'medium', 'low'] },
    });
  });
});

describe('report and feedback schemas', () => {
  it('accept a complete report and refuse empty prose, unknown fields and bad enums', () => {
    expect(reportSchema.parse(report)).toEqual(report);
    expect(reportSchema.safeParse({ ...report, summary: ' ' }).success).toBe(false);
    expect(reportSchema.safeParse({ ...report, extra: 1 }).success).toBe(false);
    const { referenceComparison: _omitted, ...withoutReference } = report;
    expect(reportSchema.safeParse(withoutReference).success).toBe(false);
    const urgent = { ...report, suggestions: [{ ...report.suggestions[0], priority: 'urgent' }] };
    expect(reportSchema.safeParse(urgent).success).toBe(false);
  });

  it('read a stored rules feedback document', () => {
    const stored = {
      source: 'rules',
      findings: [
        {
          id: 'true-peak.over',
          area: 'true-peak',
          severity: 'error',
          title: 'True peak over the limit',
          metric: 'loudness.truePeakDbtp',
          measured: 0.8,
          unit: 'dBTP',
          target: { label: '≤ -1.0 dBTP', min: null, max: -1, unit: 'dBTP', source: 'Spotify' },
          action: 'Lower the ceiling.',
          message: 'True peak +0.8 dBTP is over -1.0 dBTP.',
        },
      ],
      report,
      profile: { id: 'pop', name: 'Pop', chosenBy: 'user', reason: 'chosen: Pop' },
      attempts: 0,
      fallbackReason: 'GROQ_API_KEY is not set, so no LLM was asked',
    };
    expect(feedbackSchema.parse(stored)).toEqual(stored);
    expect(feedbackSchema.safeParse({ ...stored, source: 'oracle' }).success).toBe(false);
  });
});

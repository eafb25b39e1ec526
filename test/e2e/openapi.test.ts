import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.ts';

interface Operation {
  summary?: string;
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

// The document GET /api/docs-json serves: every route says what it does and what it answers.
describe('OpenAPI document', () => {
  let stack: TestStack;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    stack = await startTestStack({ analyzers: 0 });
    const res = await fetch(`${stack.api}/docs-json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as OpenApiDocument;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );

  it('gives every operation a summary and a 2xx response with its schema', () => {
    const all = operations();
    expect(all.length).toBeGreaterThan(25);
    for (const { name, op } of all) {
      expect(op.summary?.trim(), `${name} summary`).toBeTruthy();
      const success = Object.entries(op.responses ?? {}).filter(([status]) =>
        /^2\d\d$/.test(status),
      );
      expect(success.length, `${name} 2xx response`).toBe(1);
      const [[status, response]] = success;
      if (status === '204') expect(response.content, `${name} 204 has no body`).toBeUndefined();
      else expect(response.content?.['application/json']?.schema, `${name} schema`).toBeDefined();
    }
    const names = all.map((o) => o.name);
    for (const route of [
      'POST /api/analyses/{analysisId}/shares',
      'GET /api/shared/{token}',
      'GET /api/shared/{token}/audio',
      'POST /api/analyses/batch',
    ])
      expect(names).toContain(route);
  });

  it('resolves every schema reference to a component generated from the contracts', () => {
    const refs = new Set(JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? []);
    expect(refs.size).toBeGreaterThan(20);
    for (const ref of refs) {
      const target = /^"\$ref":"#\/components\/schemas\/([^"/#]+)"$/.exec(ref);
      expect(target, ref).not.toBeNull();
      expect(doc.components.schemas, ref).toHaveProperty([target![1]]);
    }
    const shared =
      doc.paths['/api/shared/{token}'].get.responses!['200'].content!['application/json'].schema;
    expect(shared).toEqual({ $ref: '#/components/schemas/SharedAnalysisDto' });
    expect(doc.components.schemas.SharedAnalysisDto).toMatchObject({
      type: 'object',
      required: ['analysis', 'waveform', 'expiresAt'],
    });
  });
});

import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { analysisResultShape } from '@mixscope/contracts';
import { z } from 'zod';

/** Where the contract schemas sit in the OpenAPI document. */
const COMPONENTS = '#/components/schemas/';

function refTo(schema: z.ZodType): { $ref: string } {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error('a documented response schema needs a meta id in libs/contracts');
  return { $ref: `${COMPONENTS}${id}` };
}

/**
 * A route's OpenAPI summary and its success response, whose schema is the contract's zod schema
 * (by reference to the components apiComponentSchemas adds). No schema: the response has no body.
 */
export function ApiDoc(
  summary: string,
  status: number,
  response?: z.ZodType | [z.ZodType],
): MethodDecorator {
  const schema =
    response === undefined
      ? undefined
      : Array.isArray(response)
        ? { type: 'array' as const, items: refTo(response[0]) }
        : refTo(response);
  return applyDecorators(
    ApiOperation({ summary }),
    ApiResponse({ status, description: summary, ...(schema ? { schema } : {}) }),
  );
}

/** Every contract schema with a meta id, as OpenAPI 3.0 components, references between them kept. */
export function apiComponentSchemas(): Record<string, SchemaObject> {
  // The analysis document refers to itself (its reference is one), so it needs a name to be
  // referred to by; the contract leaves it unnamed so its own published schema keeps its root.
  if (!z.globalRegistry.get(analysisResultShape)?.id)
    z.globalRegistry.add(analysisResultShape, {
      ...z.globalRegistry.get(analysisResultShape),
      id: 'AnalysisResult',
    });
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    target: 'openapi-3.0',
    io: 'output',
    uri: (id) => `${COMPONENTS}${id}`,
  });
  // zod writes OpenAPI 3.0 here (target above); only its typing is JSON Schema's.
  return schemas as Record<string, SchemaObject>;
}

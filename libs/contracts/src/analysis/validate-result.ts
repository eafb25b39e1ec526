import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import analysisResultSchema from './analysis-result.schema.json' with { type: 'json' };
import { pointerToPath } from './document-path.ts';
import { missingReasons } from './missing-reasons.ts';

export { assertFiniteNumbers, NonFiniteNumberError } from './finite-numbers.ts';
export { missingReasons } from './missing-reasons.ts';
export { analysisResultSchema };

export interface ValidationReport {
  valid: boolean;
  errors: string[];
}

export interface ValidateOptions {
  /** Also require a reason beside every null (the convention in types.ts). Default true. */
  requireReasons?: boolean;
}

let compiled: ValidateFunction | null = null;

function validator(): ValidateFunction {
  if (!compiled) {
    // strictNumbers rejects NaN and ±Infinity, which a JS object can hold but JSON cannot.
    const ajv = new Ajv2020({
      allErrors: true,
      strict: true,
      strictNumbers: true,
      allowUnionTypes: true,
    });
    compiled = ajv.compile(analysisResultSchema);
  }
  return compiled;
}

/** Checks a parsed or in-memory document against the AnalysisResult schema and the null-reason rule. */
export function validateResult(doc: unknown, options: ValidateOptions = {}): ValidationReport {
  const validate = validator();
  const errors = validate(doc) ? [] : withoutBranchNoise(validate.errors ?? []).map(describeError);
  if (options.requireReasons ?? true) errors.push(...missingReasons(doc));
  return { valid: errors.length === 0, errors: [...new Set(errors)] };
}

/**
 * A nullable section is `anyOf: [null, section]`; when the section branch fails, ajv also reports
 * "must be null" and "must match a schema in anyOf". Those add nothing once a deeper error names
 * the actual problem, so they are dropped then.
 */
function withoutBranchNoise(errors: ErrorObject[]): ErrorObject[] {
  const explainedBelow = (error: ErrorObject) =>
    errors.some(
      (other) =>
        other !== error &&
        other.keyword !== 'anyOf' &&
        !isNullBranch(other) &&
        (other.instancePath === error.instancePath ||
          other.instancePath.startsWith(`${error.instancePath}/`)),
    );
  return errors.filter(
    (error) => !((error.keyword === 'anyOf' || isNullBranch(error)) && explainedBelow(error)),
  );
}

function isNullBranch(error: ErrorObject): boolean {
  return error.keyword === 'type' && (error.params as { type?: unknown }).type === 'null';
}

function describeError(error: ErrorObject): string {
  const at = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${at}: unexpected property "${String(params.additionalProperty)}"`;
    case 'required':
      return `${at}: missing property "${String(params.missingProperty)}"`;
    case 'enum':
      return `${at}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${at}: must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return `${at}: ${error.message ?? error.keyword}`;
  }
}

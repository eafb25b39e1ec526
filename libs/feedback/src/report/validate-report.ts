import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Report } from '../types.ts';
import { REPORT_SCHEMA } from './report-schema.ts';

const SECTIONS = ['summary', 'loudnessDynamics', 'spectralBalance', 'stereoImage'] as const;

let compiled: ValidateFunction | null = null;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    compiled = ajv.compile(REPORT_SCHEMA);
  }
  return compiled;
}

function describe(error: ErrorObject): string {
  const at = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'report';
  if (error.keyword === 'required')
    return `missing ${at === 'report' ? 'section' : 'field'} ${at === 'report' ? '' : `${at}.`}${error.params.missingProperty}`;
  if (error.keyword === 'additionalProperties')
    return `unexpected field ${at === 'report' ? '' : `${at}.`}${error.params.additionalProperty}`;
  if (error.keyword === 'enum')
    return `${at} must be one of ${(error.params.allowedValues as string[]).join(', ')}`;
  return `${at} ${error.message ?? 'is invalid'}`;
}

export type ReportCheck = { valid: true; report: Report } | { valid: false; errors: string[] };

/** Schema check plus what a schema cannot say: the four prose sections must say something. */
export function validateReport(doc: unknown): ReportCheck {
  const validate = validator();
  if (!validate(doc)) {
    return { valid: false, errors: [...new Set((validate.errors ?? []).map(describe))] };
  }
  const report = doc as Report;
  const empty = SECTIONS.filter((section) => report[section].trim() === '');
  if (empty.length > 0)
    return { valid: false, errors: empty.map((section) => `section ${section} is empty`) };
  return { valid: true, report };
}

import { z } from 'zod';
import { reportSchema } from './feedback-report.ts';

/** The name the response format carries (a-z, 0-9, _ and -, at most 64 characters). */
export const REPORT_SCHEMA_NAME = 'mix_feedback_report';

/**
 * JSON Schema of the written report, generated from reportSchema: the response format sent to
 * Groq. It fits the strict structured-output subset: every object lists all its properties as
 * required and forbids others, and an absent value is a required field that may be null.
 */
export function reportJsonSchema(): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(reportSchema, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'throw',
  });
  return schema;
}

import { z } from 'zod';
import { analysisResultShape } from './analysis-result.ts';

/** Where the published schema is committed, from the repository root. */
export const ANALYSIS_RESULT_SCHEMA_FILE = 'libs/contracts/schema/analysis-result.schema.json';

/**
 * The JSON Schema published for `--json` users, generated from the zod contract. It states the
 * document's shape; the rule that every null carries a reason is in the description only, as
 * JSON Schema cannot express it (parseAnalysisResult checks it).
 */
export function analysisResultJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(analysisResultShape, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'throw',
  });
}

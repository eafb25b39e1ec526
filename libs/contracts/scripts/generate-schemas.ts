/**
 * Writes the JSON Schemas generated from the zod contracts to their committed files.
 * Run from the repository root: `npm run contracts:generate`.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import {
  ANALYSIS_RESULT_SCHEMA_FILE,
  analysisResultJsonSchema,
} from '../src/analysis/analysis-json-schema.ts';

const GENERATED: { file: string; schema: () => Record<string, unknown> }[] = [
  { file: ANALYSIS_RESULT_SCHEMA_FILE, schema: analysisResultJsonSchema },
];

for (const { file, schema } of GENERATED) {
  const path = resolve(file);
  const options = await resolveConfig(path);
  await writeFile(path, await format(JSON.stringify(schema()), { ...options, filepath: path }));
  console.log(`wrote ${file}`);
}

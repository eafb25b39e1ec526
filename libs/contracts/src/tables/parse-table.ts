import { z } from 'zod';
import { TableError } from './table-error.ts';

/** Parses a table once, at load, so every reader gets the same typed, checked rows. */
export function parseTable<Schema extends z.ZodType>(
  table: string,
  schema: Schema,
  data: unknown,
): z.output<Schema> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new TableError(
    table,
    parsed.error.issues.map(
      (issue) => `${z.core.toDotPath(issue.path) || '(table)'}: ${issue.message}`,
    ),
  );
}

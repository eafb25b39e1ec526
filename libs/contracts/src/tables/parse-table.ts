import { z } from 'zod';

/** A committed data table that does not match its schema: a defect to fix in the file named. */
export class TableError extends Error {
  readonly code = 'INVALID_TABLE';

  constructor(
    readonly table: string,
    readonly issues: readonly string[],
  ) {
    super(`${table} does not match its schema: ${issues.join('; ')}`);
    this.name = 'TableError';
  }
}

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

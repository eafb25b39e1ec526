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

/** A table's ids as a non-empty tuple, the form z.enum and @IsIn take; an empty table is a defect. */
export function idTuple<T>(table: string, ids: readonly T[]): readonly [T, ...T[]] {
  const [first, ...rest] = ids;
  if (first === undefined) throw new TableError(table, ['the table has no rows']);
  return [first, ...rest];
}

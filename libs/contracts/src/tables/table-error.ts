// Kept apart from parse-table.ts: what needs only a table's ids (a measure worker, say) need not
// load zod.

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

/** A table's ids as a non-empty tuple, the form z.enum and @IsIn take; an empty table is a defect. */
export function idTuple<T>(table: string, ids: readonly T[]): readonly [T, ...T[]] {
  const [first, ...rest] = ids;
  if (first === undefined) throw new TableError(table, ['the table has no rows']);
  return [first, ...rest];
}

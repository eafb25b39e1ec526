import { appendPath, formatPath } from './document-path.ts';

/** Thrown when a result document holds NaN or ±Infinity, which JSON cannot carry. */
export class NonFiniteNumberError extends Error {
  constructor(
    readonly path: string,
    readonly value: number,
  ) {
    super(`Non-finite number ${String(value)} at ${path}`);
    this.name = 'NonFiniteNumberError';
  }
}

/**
 * Throws NonFiniteNumberError naming the first NaN or ±Infinity in `doc` (depth first, in key order).
 * Call before serialising: JSON.stringify would silently turn these into null with no reason.
 */
export function assertFiniteNumbers(doc: unknown): void {
  const offender = findNonFinite(doc, '');
  if (offender) throw new NonFiniteNumberError(offender.path, offender.value);
}

function findNonFinite(value: unknown, path: string): { path: string; value: number } | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? null : { path: path || formatPath([]), value };
  }
  if (value === null || typeof value !== 'object') return null;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const numbers = value as unknown as ArrayLike<number | bigint>;
    for (let i = 0; i < numbers.length; i++) {
      const n = numbers[i];
      if (typeof n === 'number' && !Number.isFinite(n))
        return { path: appendPath(path, i), value: n };
    }
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNonFinite(value[i], appendPath(path, i));
      if (found) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    const found = findNonFinite(child, appendPath(path, key));
    if (found) return found;
  }
  return null;
}

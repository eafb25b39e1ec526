/** Dotted paths into a result document, e.g. `spectrum.bands[2].share`, used in every message. */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function appendPath(base: string, segment: PathSegment): string {
  if (typeof segment === 'number') return `${base}[${segment}]`;
  if (!IDENTIFIER.test(segment)) return `${base}[${JSON.stringify(segment)}]`;
  return base === '' ? segment : `${base}.${segment}`;
}

export function formatPath(segments: readonly PathSegment[]): string {
  const path = segments.reduce<string>((acc, segment) => appendPath(acc, segment), '');
  return path === '' ? '(document)' : path;
}

/** Converts an ajv instancePath (JSON Pointer, e.g. `/spectrum/bands/0/name`) to a dotted path. */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return formatPath([]);
  const segments = pointer
    .split('/')
    .slice(1)
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((raw) => (/^\d+$/.test(raw) ? Number(raw) : raw));
  return formatPath(segments);
}

/** Dotted paths into a result document, e.g. `spectrum.bands[2].share`, used in every message. */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function appendPath(base: string, segment: PathSegment): string {
  if (typeof segment === 'number') return `${base}[${segment}]`;
  if (!IDENTIFIER.test(segment)) return `${base}[${JSON.stringify(segment)}]`;
  return base === '' ? segment : `${base}.${segment}`;
}

export function formatPath(segments: readonly PathSegment[]): string {
  const path = segments.reduce<string>((acc, segment) => appendPath(acc, segment), '');
  return path === '' ? '(document)' : path;
}

import { formatPath, type PathSegment } from './document-path.ts';

/**
 * Document keys that are not measurement sections: their nulls (if any) need no reason.
 * `issues` entries explain themselves in `message`; a null value, unit, count or channel there
 * means "not applicable" rather than "could not be measured". In `feedback`, a null target bound
 * means an open-ended range.
 */
const NOT_SECTIONS = new Set([
  'schemaVersion',
  'analyzer',
  'issues',
  'timingsMs',
  'reasons',
  'reference',
  'feedback',
]);

/** Nulls that are defined as such and need no reason: curve points below the -70 LUFS gate. */
const EXEMPT_SUBTREES = new Set(['loudness.curves']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/**
 * Lists every null in a result document that has no reason beside it, as readable messages.
 *
 * A null section (e.g. `stereo` of a mono file) needs `reasons.<section>` on the document. A null
 * inside a section needs a reason in that section's `reasons` map under a key naming the field or
 * something that contains it: for `stereo.bands[0].correlation` (band "sub") any of
 * `bands.sub.correlation`, `sub.correlation`, `correlation`, `bands.sub`, `sub` or `bands`.
 * Array elements are named by their `name`, `id` or `metric` field, else by index. A platform row
 * with a non-empty `note` explains its own nulls. `reference` is checked the same way, recursively.
 */
export function missingReasons(doc: unknown): string[] {
  const problems: string[] = [];
  if (isObject(doc)) checkDocument(doc, [], problems);
  return problems;
}

function checkDocument(doc: JsonObject, prefix: PathSegment[], problems: string[]): void {
  const documentReasons = isObject(doc.reasons) ? doc.reasons : {};
  for (const [key, section] of Object.entries(doc)) {
    if (NOT_SECTIONS.has(key)) continue;
    if (section === null) {
      if (!hasReason(documentReasons, [key])) {
        problems.push(
          `${formatPath([...prefix, key])} is null with no reason at ${formatPath([...prefix, 'reasons', key])}`,
        );
      }
    } else if (isObject(section)) {
      const sectionReasons = isObject(section.reasons) ? section.reasons : {};
      checkSection(section, key, [], prefix, sectionReasons, problems);
    }
  }
  if (isObject(doc.reference)) checkDocument(doc.reference, [...prefix, 'reference'], problems);
}

function checkSection(
  node: JsonObject | Json[],
  sectionKey: string,
  named: string[],
  prefix: PathSegment[],
  reasons: JsonObject,
  problems: string[],
  actual: PathSegment[] = [],
): void {
  if (EXEMPT_SUBTREES.has([sectionKey, ...named].join('.'))) return;
  if (!Array.isArray(node) && typeof node.note === 'string' && node.note.trim() !== '') return;
  const entries: [PathSegment, Json, string][] = Array.isArray(node)
    ? node.map((child, i) => [i, child, elementName(child) ?? String(i)])
    : Object.entries(node)
        .filter(([key]) => !(named.length === 0 && key === 'reasons'))
        .map(([key, child]) => [key, child, key]);

  for (const [segment, child, name] of entries) {
    const namedPath = [...named, name];
    const actualPath = [...actual, segment];
    if (child === null) {
      if (!hasReason(reasons, namedPath)) {
        problems.push(
          `${formatPath([...prefix, sectionKey, ...actualPath])} is null with no reason in ${formatPath([...prefix, sectionKey, 'reasons'])}`,
        );
      }
    } else if (typeof child === 'object') {
      checkSection(child, sectionKey, namedPath, prefix, reasons, problems, actualPath);
    }
  }
}

function elementName(element: Json): string | null {
  if (!isObject(element)) return null;
  for (const key of ['name', 'id', 'metric']) {
    const value = element[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

/** True when some contiguous run of the path's segments, joined by dots, is a non-empty reason. */
function hasReason(reasons: JsonObject, path: string[]): boolean {
  for (let start = 0; start < path.length; start++) {
    for (let end = start + 1; end <= path.length; end++) {
      const reason = reasons[path.slice(start, end).join('.')];
      if (typeof reason === 'string' && reason.trim() !== '') return true;
    }
  }
  return false;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

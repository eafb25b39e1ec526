import { formatPath, type PathSegment } from './document-path.ts';

/**
 * Document keys that are not measurement sections: their nulls (if any) need no reason.
 * `issues` entries explain themselves in `message`; a null value, unit, count or channel there
 * means "not applicable" rather than "could not be measured". In `feedback`, a null target bound
 * means an open-ended range. `reference` is a document of its own, checked by the same rule.
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

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
type JsonObject = { readonly [key: string]: Json };

/** A null with no reason beside it: where it is, and where its reason belongs. */
export interface UnexplainedNull {
  path: PathSegment[];
  message: string;
}

/**
 * Lists every null in a result document that has no reason beside it.
 *
 * A null section (e.g. `stereo` of a mono file) needs `reasons.<section>` on the document. A null
 * inside a section needs a reason in that section's `reasons` map under a key naming the field or
 * something that contains it: for `stereo.bands[0].correlation` (band "sub") any of
 * `bands.sub.correlation`, `sub.correlation`, `correlation`, `bands.sub`, `sub` or `bands`.
 * Array elements are named by their `name`, `id` or `metric` field, else by index. A platform row
 * with a non-empty `note` explains its own nulls. `reference` is checked the same way, recursively.
 */
export function findUnexplainedNulls(doc: unknown): UnexplainedNull[] {
  const found: UnexplainedNull[] = [];
  if (isObject(doc)) checkDocument(doc, [], found);
  return found;
}

function checkDocument(doc: JsonObject, prefix: PathSegment[], found: UnexplainedNull[]): void {
  const documentReasons = isObject(doc.reasons) ? doc.reasons : {};
  for (const [key, section] of Object.entries(doc)) {
    if (NOT_SECTIONS.has(key)) continue;
    if (section === null) {
      if (!hasReason(documentReasons, [key])) {
        found.push({
          path: [...prefix, key],
          message: `null with no reason at ${formatPath([...prefix, 'reasons', key])}`,
        });
      }
    } else if (isObject(section)) {
      const sectionReasons = isObject(section.reasons) ? section.reasons : {};
      checkSection(section, { key, prefix, reasons: sectionReasons, found }, [], []);
    } else if (isArray(section)) {
      // A list of sections (e.g. `sections`): each element keeps its own reasons map.
      section.forEach((element, index) => {
        if (!isObject(element)) return;
        const reasons = isObject(element.reasons) ? element.reasons : {};
        const walk = { key: index, prefix: [...prefix, key], reasons, found };
        checkSection(element, walk, [], []);
      });
    }
  }
  if (isObject(doc.reference)) checkDocument(doc.reference, [...prefix, 'reference'], found);
}

interface SectionWalk {
  key: PathSegment;
  prefix: PathSegment[];
  reasons: JsonObject;
  found: UnexplainedNull[];
}

function checkSection(
  node: JsonObject | readonly Json[],
  section: SectionWalk,
  named: string[],
  actual: PathSegment[],
): void {
  if (EXEMPT_SUBTREES.has([section.key, ...named].join('.'))) return;
  if (isObject(node) && typeof node.note === 'string' && node.note.trim() !== '') return;
  const entries: [PathSegment, Json, string][] = isArray(node)
    ? node.map((child, i) => [i, child, elementName(child) ?? String(i)])
    : Object.entries(node)
        .filter(([key]) => !(named.length === 0 && key === 'reasons'))
        .map(([key, child]) => [key, child, key]);

  for (const [segment, child, name] of entries) {
    const namedPath = [...named, name];
    const actualPath = [...actual, segment];
    if (child === null) {
      if (!hasReason(section.reasons, namedPath)) {
        section.found.push({
          path: [...section.prefix, section.key, ...actualPath],
          message: `null with no reason in ${formatPath([...section.prefix, section.key, 'reasons'])}`,
        });
      }
    } else if (typeof child === 'object') {
      checkSection(child, section, namedPath, actualPath);
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

function isArray(value: unknown): value is readonly Json[] {
  return Array.isArray(value);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type Extracted =
  { ok: true; value: unknown; repairs: string[] } | { ok: false; error: string };

/** The first balanced {...} in the text, skipping braces inside strings. */
function firstObject(text: string): string | null {
  const start = text.indexOf('{');
  if (start < 0) return null;
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

/**
 * Reads the JSON object out of a model answer, repairing what is safe to repair: markdown code
 * fences and prose before or after the object. Anything else is an error to send back.
 */
export function extractJson(content: string): Extracted {
  const repairs: string[] = [];
  let text = content.trim();
  const fenced = /```(?:json|JSON)?\s*\n?([\s\S]*?)```/.exec(text);
  if (fenced) {
    text = fenced[1].trim();
    repairs.push('removed markdown code fence');
  }
  try {
    return { ok: true, value: JSON.parse(text), repairs };
  } catch {
    // fall through to looking for an object inside prose
  }
  const object = firstObject(text);
  if (object === null) return { ok: false, error: 'the answer holds no JSON object' };
  try {
    const value = JSON.parse(object);
    repairs.push('removed text around the JSON object');
    return { ok: true, value, repairs };
  } catch (error) {
    return { ok: false, error: `the JSON object does not parse: ${(error as Error).message}` };
  }
}

/**
 * Repairs the shape where no content is invented: unwraps {"report": {...}} and, when there is no
 * reference track, gives an absent referenceComparison its null.
 */
export function normaliseReportShape(
  value: unknown,
  repairs: string[],
  hasReference: boolean,
): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  let doc = value as Record<string, unknown>;
  const keys = Object.keys(doc);
  if (
    keys.length === 1 &&
    typeof doc[keys[0]] === 'object' &&
    doc[keys[0]] !== null &&
    'summary' in (doc[keys[0]] as object)
  ) {
    doc = doc[keys[0]] as Record<string, unknown>;
    repairs.push(`unwrapped "${keys[0]}"`);
  }
  if (!hasReference && !('referenceComparison' in doc)) {
    doc = { ...doc, referenceComparison: null };
    repairs.push('set missing referenceComparison to null');
  }
  return doc;
}

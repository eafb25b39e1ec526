import { BadRequestException } from '@nestjs/common';

/** The largest JSON body the API reads; every request body it takes is a few fields. */
export const JSON_BODY_LIMIT = '1mb';
export const JSON_BODY_LIMIT_LABEL = '1 MB';
/** Deeper than any request the API defines; a deeper document only costs recursion. */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]);
const CLOSE = new Set([0x5d, 0x7d]);
const ESCAPED_NUL = Buffer.from('u0000');

/**
 * Checks a raw JSON body before it is parsed, in one pass without recursion: refuses nesting
 * deeper than MAX_JSON_DEPTH and strings carrying NUL (`\u0000`), which Postgres cannot store.
 * Whether the body is valid JSON is left to the parser.
 */
export function checkJsonBody(body: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) {
        if (body[i + 1] === 0x75 && body.subarray(i + 1, i + 6).equals(ESCAPED_NUL)) {
          throw new BadRequestException('Text must not contain the NUL character (\\u0000)');
        }
        i++;
      } else if (byte === QUOTE) {
        inString = false;
      }
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPEN.has(byte)) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new BadRequestException(
          `Request body is nested deeper than ${MAX_JSON_DEPTH} levels`,
        );
      }
    } else if (CLOSE.has(byte)) {
      depth--;
    }
  }
}

/**
 * What body-parser's own errors (carrying `type`) mean to a client. (Nest already answers a JSON
 * syntax error with 400 and the parser's message.)
 */
export function bodyParserErrorMessage(type: string, message: string): string {
  return type === 'entity.too.large'
    ? `Request body is larger than the ${JSON_BODY_LIMIT_LABEL} limit`
    : message;
}

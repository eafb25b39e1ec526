/**
 * SigV4 checking in front of the local S3 store (s3rver accepts anonymous and forged requests).
 * Each request's signature is computed again by the AWS SDK's own signer with the configured
 * credentials, from the parts the client says it signed, and compared in constant time.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';

export interface StoreCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface IncomingS3Request {
  method: string;
  /** Path and query exactly as they arrived. */
  url: string;
  headers: IncomingHttpHeaders;
}

export interface Refusal {
  allowed: false;
  code: GateRefusal;
  message: string;
}

export type GateVerdict =
  /** `url`: the request path and query without the signature parameters. */
  { allowed: true; url: string } | Refusal;

export type GateRefusal =
  | 'AccessDenied'
  | 'SignatureDoesNotMatch'
  | 'InvalidAccessKeyId'
  | 'RequestTimeTooSkewed'
  | 'AuthorizationQueryParametersError';

/** S3's own limits: a header-signed request may be 15 minutes off, a presigned URL lasts a week at most. */
const MAX_SKEW_MS = 15 * 60 * 1000;
const MAX_PRESIGNED_SEC = 7 * 24 * 3600;
const ALGORITHM = 'AWS4-HMAC-SHA256';
const PRESIGN_PARAMS = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
  'X-Amz-Security-Token',
];

interface Claim {
  accessKeyId: string;
  shortDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  longDate: string;
}

const refuse = (code: GateRefusal, message: string): Refusal => ({
  allowed: false,
  code,
  message,
});

/** Listing the bucket or the buckets: the services never list, so the local store never does. */
export function isListing(method: string, path: string): boolean {
  if (method !== 'GET') return false;
  const segments = path.split('?')[0]!.split('/').filter(Boolean);
  return segments.length <= 1;
}

export async function verifyS3Request(
  request: IncomingS3Request,
  credentials: StoreCredentials,
  now = new Date(),
): Promise<GateVerdict> {
  const [path = '/', rawQuery = ''] = splitOnce(request.url, '?');
  const query = parseQuery(rawQuery);
  const authorization = headerValue(request.headers, 'authorization');
  const presigned = 'X-Amz-Signature' in query || 'X-Amz-Algorithm' in query;
  if (authorization && presigned)
    return refuse('AccessDenied', 'Only one of the Authorization header and a presigned URL');
  if (!authorization && !presigned)
    return refuse('AccessDenied', 'This store answers signed requests only');

  const claim = presigned ? presignedClaim(query) : headerClaim(authorization!, request.headers);
  if ('code' in claim) return claim;
  if (claim.accessKeyId !== credentials.accessKeyId)
    return refuse('InvalidAccessKeyId', 'The access key id is not known to this store');
  if (claim.service !== 's3' || claim.longDate.slice(0, 8) !== claim.shortDate)
    return refuse('AuthorizationQueryParametersError', 'The credential scope is malformed');
  const signingDate = parseAmzDate(claim.longDate);
  if (!signingDate) return refuse('AccessDenied', 'X-Amz-Date is not a valid date');

  const signedHeaders = new Set(claim.signedHeaders);
  if (!signedHeaders.has('host')) return refuse('AccessDenied', 'The host header must be signed');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = headerValue(request.headers, name);
    if (value === undefined) return refuse('AccessDenied', `Signed header ${name} is missing`);
    headers[name] = value;
  }
  const signer = new SignatureV4({
    credentials,
    region: claim.region,
    service: 's3',
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const unsigned = Object.fromEntries(
    Object.entries(query).filter(([name]) => !PRESIGN_PARAMS.includes(name)),
  );

  let expected: string;
  if (presigned) {
    const expiresIn = Number(query['X-Amz-Expires']);
    if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_PRESIGNED_SEC)
      return refuse('AuthorizationQueryParametersError', 'X-Amz-Expires is out of range');
    if (signingDate.getTime() - now.getTime() > MAX_SKEW_MS)
      return refuse('AccessDenied', 'The request is dated in the future');
    if (now.getTime() > signingDate.getTime() + expiresIn * 1000)
      return refuse('AccessDenied', 'Request has expired');
    // The presigner declares the payload unsigned in the query; the signer reads it from a header.
    const { 'X-Amz-Content-Sha256': payloadHash, ...rest } = unsigned;
    if (typeof payloadHash === 'string') headers['X-Amz-Content-Sha256'] = payloadHash;
    const resigned = await signer.presign(
      new HttpRequest({ method: request.method, path, query: rest, headers }),
      {
        signingDate,
        expiresIn,
        signableHeaders: signedHeaders,
        unhoistableHeaders: signedHeaders,
      },
    );
    expected = String(resigned.query?.['X-Amz-Signature'] ?? '');
  } else {
    if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_SKEW_MS)
      return refuse(
        'RequestTimeTooSkewed',
        'The difference between the request time and the current time is too large',
      );
    const resigned = await signer.sign(
      new HttpRequest({ method: request.method, path, query: unsigned, headers }),
      { signingDate, signableHeaders: signedHeaders },
    );
    expected = /Signature=([0-9a-f]+)/.exec(String(resigned.headers['authorization']))?.[1] ?? '';
  }
  if (!sameSignature(expected, claim.signature))
    return refuse('SignatureDoesNotMatch', 'The request signature does not match');
  return { allowed: true, url: rebuildUrl(path, rawQuery) };
}

function headerClaim(authorization: string, headers: IncomingHttpHeaders): Claim | Refusal {
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
      authorization.trim(),
    );
  if (!match) return refuse('AccessDenied', 'The Authorization header is not AWS4-HMAC-SHA256');
  const longDate = headerValue(headers, 'x-amz-date');
  if (!longDate) return refuse('AccessDenied', 'A header-signed request needs X-Amz-Date');
  return claimFrom(match[1]!, match[2]!, match[3]!, longDate);
}

function presignedClaim(query: Record<string, string | string[]>): Claim | Refusal {
  const single = (name: string) => (typeof query[name] === 'string' ? query[name] : undefined);
  const credential = single('X-Amz-Credential');
  const signedHeaders = single('X-Amz-SignedHeaders');
  const signature = single('X-Amz-Signature');
  const longDate = single('X-Amz-Date');
  if (single('X-Amz-Algorithm') !== ALGORITHM || !credential || !signedHeaders || !longDate)
    return refuse('AuthorizationQueryParametersError', 'The presigned URL is incomplete');
  if (!signature || !/^[0-9a-f]{64}$/.test(signature))
    return refuse('AuthorizationQueryParametersError', 'X-Amz-Signature is malformed');
  return claimFrom(credential, signedHeaders, signature, longDate);
}

function claimFrom(
  credential: string,
  signedHeaders: string,
  signature: string,
  longDate: string,
): Claim | Refusal {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request')
    return refuse('AuthorizationQueryParametersError', 'The credential scope is malformed');
  const [accessKeyId, shortDate, region, service] = parts as [string, string, string, string];
  return {
    accessKeyId,
    shortDate,
    region,
    service,
    signedHeaders: signedHeaders.split(';').filter(Boolean),
    signature,
    longDate,
  };
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === 64 && a.length === b.length && timingSafeEqual(a, b);
}

function parseAmzDate(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return null;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Query parameters as the signer wants them: decoded, repeated names as arrays. */
function parseQuery(raw: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const pair of raw.split('&')) {
    if (!pair) continue;
    const [name, value = ''] = splitOnce(pair, '=').map(decodeComponent);
    if (name === undefined) continue;
    const existing = query[name];
    if (existing === undefined) query[name] = value;
    else query[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

/** The URL the store behind the gate receives: the same request, its signature removed. */
function rebuildUrl(path: string, rawQuery: string): string {
  const kept = rawQuery
    .split('&')
    .filter((pair) => pair && !PRESIGN_PARAMS.includes(decodeComponent(splitOnce(pair, '=')[0]!)));
  return kept.length ? `${path}?${kept.join('&')}` : path;
}

function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function splitOnce(value: string, separator: string): string[] {
  const at = value.indexOf(separator);
  return at < 0 ? [value] : [value.slice(0, at), value.slice(at + 1)];
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}

/** S3's response-header overrides of a GET, and the header each one sets. */
const RESPONSE_OVERRIDES: Record<string, string> = {
  'response-content-type': 'content-type',
  'response-content-disposition': 'content-disposition',
  'response-content-language': 'content-language',
  'response-content-encoding': 'content-encoding',
  'response-cache-control': 'cache-control',
  'response-expires': 'expires',
};

/**
 * Splits a verified request's response-header overrides off its URL. s3rver honours them only on
 * requests it authenticated itself, and the gate hands it every request without its signature, so
 * the gate applies them to the response instead, as S3 does for a signed GET.
 */
export function takeResponseOverrides(url: string): {
  url: string;
  headers: Record<string, string>;
} {
  const [path = '/', rawQuery = ''] = splitOnce(url, '?');
  const headers: Record<string, string> = {};
  const kept: string[] = [];
  for (const pair of rawQuery.split('&')) {
    if (!pair) continue;
    const [name = '', value = ''] = splitOnce(pair, '=').map(decodeComponent);
    const header = RESPONSE_OVERRIDES[name];
    if (header) headers[header] = value;
    else kept.push(pair);
  }
  return { url: kept.length ? `${path}?${kept.join('&')}` : path, headers };
}

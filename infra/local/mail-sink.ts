/**
 * A local SMTP server that keeps what it receives instead of delivering it: `npm start` prints the
 * links of each mail (the invitation links) to its log, and the end-to-end tests read the mails.
 */
import { once } from 'node:events';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  /** The text of the message, transfer encodings undone. */
  text: string;
  /** Every http(s) link in the text, in order. */
  links: string[];
}

export interface MailSink {
  /** smtp://127.0.0.1:port, for SMTP_URL. */
  url: string;
  /** The latest mails (at most KEPT_MAILS). */
  readonly mails: ReceivedMail[];
  stop(): Promise<void>;
}

const KEPT_MAILS = 200;
const MAX_MESSAGE_BYTES = 1024 * 1024;

export async function startMailSink(options: {
  port: number;
  onMail?: (mail: ReceivedMail) => void;
}): Promise<MailSink> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    rejectOversized: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(new Error('message too large'));
        const mail = parseMessage(Buffer.concat(chunks).toString('utf8'), {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        });
        mails.push(mail);
        if (mails.length > KEPT_MAILS) mails.splice(0, mails.length - KEPT_MAILS);
        options.onMail?.(mail);
        callback();
      });
    },
  });
  server.listen(options.port, '127.0.0.1');
  await Promise.race([
    once(server.server, 'listening'),
    once(server, 'error').then(([error]) => {
      throw new Error(
        `the mail sink could not listen on 127.0.0.1:${options.port}: ${(error as Error).message}`,
      );
    }),
  ]);
  return {
    url: `smtp://127.0.0.1:${options.port}`,
    mails,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The subject and the decoded text parts of a MIME message (enough for the mails we send). */
export function parseMessage(raw: string, envelope: { from: string; to: string[] }): ReceivedMail {
  const { headers, body } = splitEntity(raw);
  const text = textOf(headers, body);
  return {
    ...envelope,
    subject: decodeEncodedWords(headers.get('subject') ?? ''),
    text,
    links: text.match(/https?:\/\/[^\s<>"]+/g) ?? [],
  };
}

function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const normalized = raw.replace(/\r\n/g, '\n');
  const end = normalized.indexOf('\n\n');
  const head = end === -1 ? normalized : normalized.slice(0, end);
  const body = end === -1 ? '' : normalized.slice(end + 2);
  const headers = new Map<string, string>();
  // Folded header lines continue with whitespace.
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function textOf(headers: Map<string, string>, body: string): string {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((part) => !part.startsWith('--'))
      .map((part) => {
        const entity = splitEntity(part.replace(/^\n/, ''));
        return textOf(entity.headers, entity.body);
      })
      .filter(Boolean)
      .join('\n');
  }
  if (!/^text\/plain/i.test(type)) return '';
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** RFC 2047 words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=), as headers carry text that is not ASCII. */
function decodeEncodedWords(header: string): string {
  return header
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?[^?]+\?([QqBb])\?([^?]*)\?=/g, (_, kind: string, word: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(word, 'base64').toString('utf8')
        : decodeQuotedPrintable(word.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

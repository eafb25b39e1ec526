/**
 * A local stand-in for Groq's OpenAI-compatible chat-completions endpoint, for tests: groq-sdk
 * pointed at `baseURL` posts to /openai/v1/chat/completions and gets the scripted replies.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FakeReply =
  /** A chat completion whose message content is `content`. */
  | {
      kind: 'completion';
      content: string;
      model?: string;
      usage?: { prompt: number; completion: number };
    }
  /** An HTTP error with Groq's error body and optional headers such as Retry-After. */
  | { kind: 'status'; status: number; headers?: Record<string, string>; message?: string }
  /** Reads the request and never answers. */
  | { kind: 'hang' };

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
  receivedAt: number;
}

export interface FakeGroq {
  baseURL: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export const COMPLETIONS_PATH = '/openai/v1/chat/completions';

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function completion(
  reply: Extract<FakeReply, { kind: 'completion' }>,
  requestedModel: unknown,
  n: number,
) {
  const prompt = reply.usage?.prompt ?? 1200;
  const generated = reply.usage?.completion ?? 600;
  return {
    id: `chatcmpl-fake-${n}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: reply.model ?? (typeof requestedModel === 'string' ? requestedModel : 'unknown'),
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: reply.content },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: {
      prompt_tokens: prompt,
      completion_tokens: generated,
      total_tokens: prompt + generated,
    },
    system_fingerprint: 'fp_fake',
    x_groq: { id: `req_fake_${n}` },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts the fake on 127.0.0.1 and a free port. `script` gives the reply to the n-th request
 * (0-based): an array (its last entry repeats) or a function.
 */
export async function startFakeGroq(
  script: FakeReply[] | ((n: number, body: Record<string, unknown>) => FakeReply),
  options: { apiKey?: string } = {},
): Promise<FakeGroq> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const pick = (n: number, body: Record<string, unknown>): FakeReply =>
    typeof script === 'function' ? script(n, body) : script[Math.min(n, script.length - 1)];

  const server = createServer(async (req, res) => {
    const text = await readBody(req);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text || '{}') as Record<string, unknown>;
    } catch {
      sendJson(res, 400, {
        error: { message: 'request body is not JSON', type: 'invalid_request_error' },
      });
      return;
    }
    if (req.method !== 'POST' || req.url !== COMPLETIONS_PATH) {
      sendJson(res, 404, {
        error: { message: `unknown route ${req.method} ${req.url}`, type: 'invalid_request_error' },
      });
      return;
    }
    const n = requests.length;
    requests.push({
      method: req.method,
      path: req.url,
      authorization: req.headers.authorization,
      body,
      receivedAt: Date.now(),
    });
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      sendJson(res, 401, {
        error: {
          message: 'Invalid API Key',
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      });
      return;
    }
    const reply = pick(n, body);
    if (reply.kind === 'hang') return;
    if (reply.kind === 'status') {
      sendJson(
        res,
        reply.status,
        { error: { message: reply.message ?? `fake status ${reply.status}`, type: 'fake_error' } },
        reply.headers,
      );
      return;
    }
    sendJson(res, 200, completion(reply, body.model, n));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

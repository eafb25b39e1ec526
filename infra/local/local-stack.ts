/**
 * Building blocks for running the stack on one machine: `npm start` (start.mjs, through the built
 * dist/infra/local-stack.mjs) and the end-to-end tests use the same ones.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createRequire } from 'node:module';
import { createServer, Socket } from 'node:net';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { ensureDatabase } from '@mixscope/db';
import { applyMigrations, type MigrationReport } from '@mixscope/db';
import {
  isListing,
  takeResponseOverrides,
  verifyS3Request,
  type StoreCredentials,
} from './s3-signature-gate.ts';

export { startMailSink, type MailSink, type ReceivedMail } from './mail-sink.ts';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code (or the signal name) when the process ends. */
  exited: Promise<number | string>;
  /** Every line it printed so far (stdout and stderr). */
  lines: string[];
  /** SIGTERM, then SIGKILL after graceMs. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  onLine?: (line: string) => void;
}

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: StartOptions = {},
): ManagedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env as NodeJS.ProcessEnv | undefined,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream! }).on('line', (line) => {
      lines.push(line);
      if (lines.length > 5_000) lines.splice(0, 1_000);
      options.onLine?.(line);
    });
  }
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (error) => {
      lines.push(`failed to start: ${error.message}`);
      resolve('spawn-error');
    });
  });
  return {
    name,
    child,
    exited,
    lines,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  { timeoutMs = 30_000, intervalMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const detail = lastError ? `: ${(lastError as Error).message}` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
}

export function waitForHttpOk(url: string, timeoutMs = 30_000): Promise<true> {
  return waitFor(`${url} to answer 200`, async () => (await fetch(url)).ok || undefined, {
    timeoutMs,
  });
}

export async function portAcceptsConnections(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

/** A service run inside this process (the local S3 store), shaped like a child process for whoever stops it. */
export type LocalService = Pick<ManagedProcess, 'name' | 'exited' | 'lines' | 'stop'>;

/** The methods of s3rver (a Koa app) used here; it ships no types. */
interface S3rverApp {
  configureBuckets(): Promise<unknown>;
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * Starts an S3-compatible store on loopback, with the bucket created and CORS open to
 * `corsOrigins`. s3rver keeps the objects but checks no credentials, so it listens on no socket
 * of its own: it runs in this process behind a gate that answers 403 to every request that is not
 * signed (SigV4, header or presigned) with `credentials`, and to every listing.
 */
export async function startS3rver(options: {
  port: number;
  directory: string;
  bucket: string;
  corsOrigins: string[];
  credentials: StoreCredentials;
  onLine?: (line: string) => void;
}): Promise<{ endpoint: string; process: LocalService }> {
  mkdirSync(options.directory, { recursive: true });
  const require = createRequire(import.meta.url);
  const S3rver = require('s3rver') as new (settings: object) => S3rverApp;
  const store = new S3rver({
    directory: options.directory,
    silent: true,
    configureBuckets: [{ name: options.bucket, configs: [corsXml(options.corsOrigins)] }],
  });
  await store.configureBuckets();
  const serve = store.callback();
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(line);
    if (lines.length > 5_000) lines.splice(0, 1_000);
    options.onLine?.(line);
  };

  const server = createHttpServer((req, res) => {
    void admit(req, options.credentials).then(
      (verdict) => {
        if (verdict.allowed) {
          const { url, headers } =
            req.method === 'GET' || req.method === 'HEAD'
              ? takeResponseOverrides(verdict.url)
              : { url: verdict.url, headers: {} };
          req.url = url;
          // s3rver would check the (removed) signature against its own built-in key.
          delete req.headers.authorization;
          overrideResponseHeaders(res, headers);
          serve(req, res);
          return;
        }
        log(
          `refused ${req.method} ${req.url?.split('?')[0]}: ${verdict.code} (${verdict.message})`,
        );
        const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${verdict.code}</Code><Message>${verdict.message}</Message></Error>\n`;
        res.writeHead(403, {
          'content-type': 'application/xml',
          'content-length': Buffer.byteLength(body),
        });
        res.end(body);
      },
      (error: Error) => {
        log(`gate error: ${error.message}`);
        res.writeHead(500).end();
      },
    );
  });
  server.listen(options.port, '127.0.0.1');
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([error]) => {
      throw new Error(
        `the S3 store could not listen on 127.0.0.1:${options.port}: ${(error as Error).message}`,
      );
    }),
  ]);
  let resolveExit!: (code: number | string) => void;
  const exited = new Promise<number | string>((resolve) => (resolveExit = resolve));
  server.once('close', () => resolveExit(0));
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    process: {
      name: 's3',
      exited,
      lines,
      async stop() {
        if (!server.listening) return;
        server.close();
        server.closeAllConnections();
        await exited;
      },
    },
  };
}

type Verdict = Awaited<ReturnType<typeof verifyS3Request>>;

/** Sets the headers on a successful response just before it is sent, over what s3rver set. */
function overrideResponseHeaders(res: ServerResponse, headers: Record<string, string>): void {
  if (Object.keys(headers).length === 0) return;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((statusCode: number, ...rest: unknown[]) => {
    if (statusCode >= 200 && statusCode < 300)
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    return writeHead(statusCode, ...rest);
  }) as typeof res.writeHead;
}

/** CORS preflights carry no signature and return no data; everything else must be signed. */
function admit(req: IncomingMessage, credentials: StoreCredentials): Promise<Verdict> {
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  if (method === 'OPTIONS') return Promise.resolve({ allowed: true, url });
  if (isListing(method, url))
    return Promise.resolve({
      allowed: false,
      code: 'AccessDenied',
      message: 'Listing is disabled',
    });
  return verifyS3Request({ method, url, headers: req.headers }, credentials);
}

function corsXml(origins: string[]): string {
  const rules = origins
    .map(
      (origin) => `  <CORSRule>
    <AllowedOrigin>${origin}</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>`,
    )
    .join('\n');
  return `<CORSConfiguration>\n${rules}\n</CORSConfiguration>\n`;
}

/** Creates the database when missing and applies pending migrations. */
export async function migrateDatabase(
  databaseUrl: string,
  migrationsDir: string,
): Promise<MigrationReport & { created: boolean }> {
  const created = await ensureDatabase(databaseUrl);
  const report = await applyMigrations(databaseUrl, migrationsDir);
  return { ...report, created };
}

/** Null when Postgres answers; otherwise what is wrong, in one line. */
export async function postgresProblem(databaseUrl: string): Promise<string | null> {
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({
    connectionString: admin.toString(),
    connectionTimeoutMillis: 3_000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    const e = error as { code?: string; message: string };
    return e.code ? `${e.code}: ${e.message}` : e.message;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Null when Redis answers PING; otherwise what is wrong, in one line. */
export async function redisProblem(redisUrl: string): Promise<string | null> {
  const url = new URL(redisUrl);
  const port = url.port ? Number(url.port) : 6379;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const socket = new Socket();
  return new Promise((resolve) => {
    const done = (problem: string | null) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(3_000, () => done(`no answer from ${host}:${port} within 3 s`));
    socket.once('error', (error) => done((error as Error).message));
    socket.connect(port, host, () => {
      const auth = url.password
        ? `AUTH ${url.username ? `${decodeURIComponent(url.username)} ` : ''}${decodeURIComponent(url.password)}\r\n`
        : '';
      socket.write(`${auth}PING\r\n`);
    });
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (received.includes('+PONG')) done(null);
      else if (received.includes('-')) done(received.trim().split('\r\n').pop() ?? received);
    });
  });
}

export interface RestartPolicy {
  /** Wait before the first restart; doubled after each crash that follows quickly. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A process that stayed up this long is healthy again: the next crash waits initialDelayMs. */
  healthyAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  healthyAfterMs: 60_000,
};

export interface SupervisedProcess {
  name: string;
  /** The process running now (a new one after each restart). */
  readonly current: ManagedProcess;
  /** How many times it was restarted. */
  readonly restarts: number;
  /** Stops the process and restarts no more. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Keeps one process running: when it exits without being asked to, it is started again after a
 * delay that doubles with each crash (initialDelayMs up to maxDelayMs) and falls back to
 * initialDelayMs once a run lasted healthyAfterMs. Every exit and restart is told to `log`.
 */
export function superviseProcess(
  name: string,
  start: () => ManagedProcess,
  log: (line: string) => void,
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): SupervisedProcess {
  let current = start();
  let restarts = 0;
  let delayMs = policy.initialDelayMs;
  let stopped = false;
  let pending: NodeJS.Timeout | undefined;

  const watch = (run: ManagedProcess) => {
    const startedAt = Date.now();
    void run.exited.then((code) => {
      if (stopped) return;
      if (Date.now() - startedAt >= policy.healthyAfterMs) delayMs = policy.initialDelayMs;
      const how = typeof code === 'number' ? `with code ${code}` : `by ${code}`;
      log(
        `${name} exited ${how} at ${new Date().toISOString()}; restarting in ${formatDelay(delayMs)}`,
      );
      pending = setTimeout(() => {
        pending = undefined;
        if (stopped) return;
        restarts++;
        current = start();
        log(`${name} restarted (restart ${restarts}, pid ${current.child.pid ?? 'none'})`);
        watch(current);
      }, delayMs);
      delayMs = Math.min(delayMs * 2, policy.maxDelayMs);
    });
  };
  watch(current);

  return {
    name,
    get current() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    async stop(graceMs) {
      stopped = true;
      clearTimeout(pending);
      await current.stop(graceMs);
    },
  };
}

function formatDelay(ms: number): string {
  return ms % 1_000 === 0 ? `${ms / 1_000} s` : `${ms} ms`;
}

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { Redis } from 'ioredis';
import pg from 'pg';
import {
  freePort,
  migrateDatabase,
  startProcess,
  startMailSink,
  startS3rver,
  waitFor,
  waitForHttpOk,
  type LocalService,
  type MailSink,
  type ManagedProcess,
  type ReceivedMail,
} from '../../infra/local/local-stack.ts';
import { dropDatabase } from '@mixscope/db';
import { backingServices, type BackingServices } from './backing-services.ts';
import { builtSnapshot, root } from './build.ts';

export interface StackOptions {
  analyzers?: number;
  /** Environment for every service (on top of the test defaults). */
  env?: Record<string, string>;
  gatewayEnv?: Record<string, string>;
  analyzerEnv?: Record<string, string>;
  /** Use this Redis instead of the shared one (a test that restarts Redis brings its own). */
  redisUrl?: string;
  /** Rewrites the database URL the analyzers get (a test that cuts Postgres routes them through a proxy). */
  analyzerDatabaseUrl?: (databaseUrl: string) => string;
  /** Rewrites the S3 endpoint the analyzers get (a test that cuts S3 routes them through a proxy). */
  analyzerS3Endpoint?: (endpoint: string) => Promise<string>;
  /** Rewrites the Redis URL the analyzers get (a test that cuts Redis routes them through a proxy). */
  analyzerRedisUrl?: (redisUrl: string) => string;
}

/** Defaults that keep the tests quick: short locks and backoff, generous rate limits, fast reconciling. */
const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
  QUEUE_LOCK_DURATION_MS: '4000',
  QUEUE_STALLED_INTERVAL_MS: '1000',
  JOB_BACKOFF_MS: '500',
  RATE_LIMIT_PER_MINUTE: '10000',
  RATE_LIMIT_AUTH_PER_MINUTE: '1000',
  RATE_LIMIT_ANALYSES_PER_MINUTE: '1000',
  RECONCILE_INTERVAL_MS: '1000',
  RECONCILE_GRACE_MS: '2000',
  ANALYZER_MEASURE_THREADS: '2',
  HOST: '127.0.0.1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** The whole pipeline for one test file: fresh database, own queue prefix, own S3 data, built services. */
export class TestStack {
  readonly analyzers: ManagedProcess[] = [];
  readonly llmWorkers: ManagedProcess[] = [];
  /** Gateway instances beyond the first, sharing its database, queues and socket rooms. */
  readonly extraGateways: { process: ManagedProcess; api: string; baseUrl: string }[] = [];
  gateway!: ManagedProcess;
  readonly jwtSecret = randomBytes(32).toString('hex');
  readonly prefix = `t${randomBytes(4).toString('hex')}`;
  readonly bucket = `mixscope-${randomBytes(4).toString('hex')}`;
  /** What the services sign S3 requests with (the stack's own store checks them). */
  readonly s3Credentials = {
    accessKeyId: process.env.S3_ACCESS_KEY_ID ?? 'S3RVER',
    secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? 'S3RVER',
  };
  databaseUrl = '';
  redisUrl = '';
  s3Endpoint = '';
  port = 0;
  private services!: BackingServices;
  /** The stack's SMTP server: every mail the gateway sends lands here. */
  mail!: MailSink;
  /** Where the mails' links point (the gateway's PUBLIC_URL). */
  readonly publicUrl = 'http://web.mixscope.test';
  private s3?: LocalService;
  private s3Dir?: string;
  private db?: pg.Pool;
  private analyzerCount = 0;

  constructor(private readonly options: StackOptions = {}) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get api(): string {
    return `${this.baseUrl}/api`;
  }

  private built = '';

  async start(): Promise<this> {
    this.built = await builtSnapshot();
    this.services = await backingServices();
    const database = new URL(this.services.postgresUrl);
    database.pathname = `/mixscope_test_${randomBytes(5).toString('hex')}`;
    this.databaseUrl = database.toString();
    await migrateDatabase(this.databaseUrl, join(root, 'prisma/migrations'));
    this.redisUrl = this.options.redisUrl ?? this.services.redisUrl;
    if (this.services.s3Endpoint) {
      this.s3Endpoint = this.services.s3Endpoint;
    } else {
      this.s3Dir = await mkdtemp(join(tmpdir(), 'mixscope-s3-'));
      const s3 = await startS3rver({
        port: await freePort(),
        directory: join(this.s3Dir, 'data'),
        bucket: this.bucket,
        corsOrigins: ['http://localhost:3000'],
        credentials: this.s3Credentials,
      });
      this.s3 = s3.process;
      this.s3Endpoint = s3.endpoint;
    }
    this.mail = await startMailSink({ port: await freePort() });
    await this.startGateway();
    for (let i = 0; i < (this.options.analyzers ?? 1); i++) await this.startAnalyzer();
    return this;
  }

  private env(extra: Record<string, string> = {}): Record<string, string | undefined> {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...TEST_ENV,
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redisUrl,
      QUEUE_PREFIX: this.prefix,
      S3_ENDPOINT: this.s3Endpoint,
      S3_BUCKET: this.bucket,
      S3_ACCESS_KEY_ID: this.s3Credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: this.s3Credentials.secretAccessKey,
      JWT_SECRET: this.jwtSecret,
      SMTP_URL: this.mail.url,
      PUBLIC_URL: this.publicUrl,
      ...this.options.env,
      ...extra,
    };
  }

  async startGateway(): Promise<ManagedProcess> {
    this.port = this.port || (await freePort());
    this.gateway = startProcess(
      'gateway',
      process.execPath,
      ['--enable-source-maps', join(this.built, 'services/gateway/main.mjs')],
      {
        cwd: root,
        env: this.env({ PORT: String(this.port), ...this.options.gatewayEnv }),
        onLine: echo('gateway'),
      },
    );
    await Promise.race([
      waitForHttpOk(`${this.api}/ready`, 30_000),
      this.gateway.exited.then((code) => {
        throw new Error(`gateway exited (${code}):\n${this.gateway.lines.slice(-20).join('\n')}`);
      }),
    ]);
    return this.gateway;
  }

  /** Another gateway instance on its own port, as a second replica behind a load balancer. */
  async startExtraGateway(): Promise<{ process: ManagedProcess; api: string; baseUrl: string }> {
    const port = await freePort();
    const name = `gateway-${this.extraGateways.length + 2}`;
    const gateway = startProcess(
      name,
      process.execPath,
      ['--enable-source-maps', join(this.built, 'services/gateway/main.mjs')],
      {
        cwd: root,
        env: this.env({ PORT: String(port), ...this.options.gatewayEnv }),
        onLine: echo(name),
      },
    );
    const baseUrl = `http://127.0.0.1:${port}`;
    const instance = { process: gateway, api: `${baseUrl}/api`, baseUrl };
    this.extraGateways.push(instance);
    await Promise.race([
      waitForHttpOk(`${instance.api}/ready`, 30_000),
      gateway.exited.then((code) => {
        throw new Error(`${name} exited (${code}):\n${gateway.lines.slice(-20).join('\n')}`);
      }),
    ]);
    return instance;
  }

  async startAnalyzer(extraEnv: Record<string, string> = {}): Promise<ManagedProcess> {
    const name = `analyzer-${++this.analyzerCount}`;
    const s3Endpoint = await this.options.analyzerS3Endpoint?.(this.s3Endpoint);
    const env = s3Endpoint ? { S3_ENDPOINT: s3Endpoint, ...extraEnv } : extraEnv;
    const analyzer = this.spawnAnalyzer(name, env);
    this.analyzers.push(analyzer);
    await Promise.race([
      waitFor(`${name} to start`, async () => analyzer.lines.some((l) => l.includes('ready as')), {
        timeoutMs: 30_000,
      }),
      analyzer.exited.then((code) => {
        throw new Error(`${name} exited (${code}):\n${analyzer.lines.slice(-20).join('\n')}`);
      }),
    ]);
    return analyzer;
  }

  /** An analyzer process, just spawned (not waited for, not tracked): for a supervisor to run. */
  spawnAnalyzer(name: string, extraEnv: Record<string, string> = {}): ManagedProcess {
    const databaseUrl = this.options.analyzerDatabaseUrl?.(this.databaseUrl) ?? this.databaseUrl;
    return startProcess(
      name,
      process.execPath,
      ['--enable-source-maps', join(this.built, 'services/analyzer/main.mjs')],
      {
        cwd: root,
        env: this.env({
          WORKER_NAME: name,
          DATABASE_URL: databaseUrl,
          S3_ENDPOINT: this.s3Endpoint,
          ...(this.options.analyzerRedisUrl && {
            REDIS_URL: this.options.analyzerRedisUrl(this.redisUrl),
          }),
          ...this.options.analyzerEnv,
          ...extraEnv,
        }),
        onLine: echo(name),
      },
    );
  }

  /** A feedback worker (services/llm-worker); `env` sets GROQ_API_KEY, GROQ_BASE_URL and so on. */
  async startLlmWorker(env: Record<string, string> = {}): Promise<ManagedProcess> {
    const name = `llm-worker-${this.llmWorkers.length + 1}`;
    const worker = startProcess(
      name,
      process.execPath,
      ['--enable-source-maps', join(this.built, 'services/llm-worker/main.mjs')],
      { cwd: root, env: this.env({ WORKER_NAME: name, ...env }), onLine: echo(name) },
    );
    this.llmWorkers.push(worker);
    await Promise.race([
      waitFor(`${name} to start`, async () => worker.lines.some((l) => l.includes('ready as')), {
        timeoutMs: 30_000,
      }),
      worker.exited.then((code) => {
        throw new Error(`${name} exited (${code}):\n${worker.lines.slice(-20).join('\n')}`);
      }),
    ]);
    return worker;
  }

  /** The first mail to `address` that satisfies `match`, once it has arrived. */
  waitForMail(
    address: string,
    match: (mail: ReceivedMail) => boolean = () => true,
  ): Promise<ReceivedMail> {
    return waitFor(`a mail to ${address}`, async () =>
      this.mail.mails.find((m) => m.to.includes(address) && match(m)),
    );
  }

  /** Direct SQL against the stack's database, for assertions. */
  async query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (!this.db) {
      this.db = new pg.Pool({ connectionString: this.databaseUrl, max: 2 });
      // An idle connection cut by a test (Postgres taken down) or by the final DROP DATABASE
      // must not surface as an unhandled error; the next query opens a new one.
      this.db.on('error', () => {});
    }
    return (await this.db.query<T>(sql, params)).rows;
  }

  /** Last lines of every process, for a failing test's message. */
  logs(lines = 40): string {
    const extra = this.extraGateways.map((g) => g.process);
    return [this.gateway, ...extra, ...this.analyzers, ...this.llmWorkers]
      .filter(Boolean)
      .map((p) => `--- ${p.name}\n${p.lines.slice(-lines).join('\n')}`)
      .join('\n');
  }

  /** A client of the stack's S3 store, signing as the services do; the caller destroys it. */
  s3Client(): S3Client {
    return new S3Client({
      endpoint: this.s3Endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: this.s3Credentials,
    });
  }

  async stop(): Promise<void> {
    await Promise.allSettled(
      [...this.analyzers, ...this.llmWorkers].map((worker) => worker.stop(10_000)),
    );
    await Promise.allSettled(this.extraGateways.map((g) => g.process.stop(10_000)));
    await this.gateway?.stop(10_000);
    await this.s3?.stop(5_000);
    await this.mail?.stop();
    await this.db?.end().catch(() => {});
    if (this.databaseUrl) await dropDatabase(this.databaseUrl).catch(() => {});
    await this.clearRedis().catch(() => {});
    if (this.s3Dir) await rm(this.s3Dir, { recursive: true, force: true });
    await this.services?.stop();
  }

  private async clearRedis(): Promise<void> {
    const redis = new Redis(this.redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    await redis.connect();
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
}

function echo(name: string) {
  return process.env.STACK_LOGS ? (line: string) => console.log(`[${name}] ${line}`) : undefined;
}

export async function startTestStack(options: StackOptions = {}): Promise<TestStack> {
  const stack = new TestStack(options);
  try {
    return await stack.start();
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

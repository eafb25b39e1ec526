// `npm run bench:load`: the hosted pipeline under load, on loopback, against the built services.
//   burst:  a burst of 200 analysis submissions of a 30 s file through the real gateway, with 1 and
//           then 2 analyzer processes, then 2 while one analyzer is killed with SIGKILL and Redis
//           restarts: every submission completes once; throughput, p50/p95 queue→done;
//   reads:  GET /api/analyses/:id of a completed analysis at 100 connections (autocannon), beside
//           GET /api/health (no auth, no database) in the same minute as the baseline;
//   hosted: a 4-minute file from upload-complete to result against the CLI on the same file, and an
//           analysis with a reference against one without, on 2 analyzers pinned to their own cores;
//   scale:  a 200-job burst of a short file with 1 and then 2 analyzers, each pinned to its own core.
// Uses the machine's Postgres (DATABASE_URL, a throw-away database), a private redis-server on a
// free port (so the machine's Redis is untouched) and a private s3rver. Writes each part's section
// of docs/benchmarks.md between <!-- load…:start --> and <!-- load…:end -->, leaving the rest alone.
//
//   LOAD_PARTS=burst,reads,hosted,scale SUBMISSIONS=200 ANALYZER_COUNTS=1,2 AUTOCANNON_SEC=10 \
//   HOSTED_RUNS=3 SCALE_CLIP_SEC=10 UPLOAD_CONCURRENCY=1 node bench/load.bench.mjs
import autocannon from 'autocannon';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  freePort,
  migrateDatabase,
  portAcceptsConnections,
  startMailSink,
  startS3rver,
  waitFor,
  waitForHttpOk,
} from '../dist/infra/local-stack.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = join(root, 'bench/.work/load');
const SUBMISSIONS = Number(process.env.SUBMISSIONS ?? 200);
const ANALYZER_COUNTS = (process.env.ANALYZER_COUNTS ?? '1,2').split(',').map(Number);
const AUTOCANNON_SEC = Number(process.env.AUTOCANNON_SEC ?? 10);
const CLIP_SEC = 30;
const PARTS = new Set((process.env.LOAD_PARTS ?? 'burst,reads,hosted,scale').split(','));
const HOSTED_RUNS = Number(process.env.HOSTED_RUNS ?? 3);
const LONG_CLIP_SEC = 240;
/** Long enough that measuring, not the per-job hops, is most of a job (about 0.3 CPU-s each). */
const SCALE_CLIP_SEC = Number(process.env.SCALE_CLIP_SEC ?? 10);
/**
 * Submissions in flight at once in the scale part: the queue still fills far faster than the
 * analyzers drain it, and on a loaded machine 200 concurrent ones each waiting for the project's
 * revision lock exceed Prisma's 2 s transaction wait (a 500; the burst part shows it).
 */
const SCALE_SUBMIT_CONCURRENCY = 16;
/**
 * Uploads in flight at once. Completing an upload moves the object to its sealed key, and s3rver
 * then removes the emptied directory, racing any PUT into it at that moment (ENOENT, which crashes
 * the bench process); one at a time (the default) nothing races.
 */
const UPLOAD_CONCURRENCY = Number(process.env.UPLOAD_CONCURRENCY ?? 1);
const RUN_TIMEOUT_MS = 15 * 60_000;

/** Production defaults except: rate limits raised for the burst, shorter locks so a killed worker's job is picked up sooner. */
const SERVICE_ENV = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'log',
  LOG_FORMAT: 'json',
  RATE_LIMIT_PER_MINUTE: '10000000',
  RATE_LIMIT_ANALYSES_PER_MINUTE: '100000',
  RATE_LIMIT_AUTH_PER_MINUTE: '1000',
  QUEUE_LOCK_DURATION_MS: '10000',
  QUEUE_STALLED_INTERVAL_MS: '5000',
  JOB_BACKOFF_MS: '1000',
  RECONCILE_INTERVAL_MS: '5000',
  RECONCILE_GRACE_MS: '15000',
  COOKIE_SECURE: 'false',
  HOST: '127.0.0.1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

mkdirSync(work, { recursive: true });
for (const name of [
  'gateway',
  'redis',
  'llm-worker',
  ...Array.from({ length: 20 }, (_, i) => `analyzer-${i + 1}`),
])
  rmSync(join(work, `${name}.log`), { force: true });
const cleanups = [];
let failed = false;

/** The machine is shared: how busy it already was says how much the figures can be trusted. */
const loadAtStart = loadavg()[0];

async function main() {
  const stack = await startStack();
  const api = new Api(`http://127.0.0.1:${stack.port}/api`, stack.mail);
  const account = await api.signup();
  const broken = [];

  if (PARTS.has('burst')) {
    const clip = makeClip(CLIP_SEC);
    const runs = [];
    for (const count of ANALYZER_COUNTS) {
      await stack.setAnalyzers(count);
      runs.push(await burst(stack, api, account, clip, `${count} analyzer${count > 1 ? 's' : ''}`));
    }
    await stack.setAnalyzers(2);
    runs.push(
      await burst(stack, api, account, clip, '2 analyzers, chaos', (progress) =>
        chaosMonkey(stack, progress),
      ),
    );
    writeSection('load', report(runs));
    broken.push(...runs.filter((r) => !r.exactlyOnce).map((r) => r.label));
  }
  if (PARTS.has('reads'))
    writeSection('load-reads', reportReads(await readLoad(stack, api, account)));
  if (PARTS.has('hosted'))
    writeSection('load-hosted', reportHosted(await hostedPath(stack, api, account)));
  if (PARTS.has('scale')) {
    const runs = await scaleOut(stack, api, account);
    writeSection('load-scale', reportScale(runs));
    broken.push(...runs.filter((r) => !r.exactlyOnce).map((r) => r.label));
  }
  if (broken.length)
    throw new Error(`not every submission completed exactly once: ${broken.join(', ')}`);
}

/** A stereo MP3 with a chord and a pulse, so every measurement has something to find. */
function makeClip(seconds, variant = 0) {
  const file = join(work, `clip-${seconds}s${variant ? `-${variant}` : ''}.mp3`);
  if (!existsSync(file)) {
    const root = 220 * 2 ** (variant / 12);
    const left = `0.25*sin(2*PI*${root}*t)+0.18*sin(2*PI*${root * 1.26}*t)+0.5*exp(-25*mod(t\\,0.5))*sin(2*PI*55*t)`;
    const right = `0.25*sin(2*PI*${root * 1.498}*t)+0.18*sin(2*PI*${root}*t)+0.5*exp(-25*mod(t\\,0.5))*sin(2*PI*55*t)`;
    execFileSync('ffmpeg', [
      '-nostdin',
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `aevalsrc=${left}|${right}:s=44100:d=${seconds}`,
      '-b:a',
      '192k',
      file,
    ]);
  }
  return {
    file,
    bytes: readFileSync(file),
    name: `mix-${seconds}s.mp3`,
    contentType: 'audio/mpeg',
  };
}

// --- the stack ---------------------------------------------------------------------------------

async function startStack() {
  const base = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/mixscope_bench_${randomBytes(4).toString('hex')}`;
  const databaseUrl = base.toString();
  await migrateDatabase(databaseUrl, join(root, 'prisma/migrations'));
  cleanups.push(() => dropDatabase(databaseUrl));
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  cleanups.push(() => db.end());

  const redis = new PrivateRedis(join(work, 'redis'));
  await redis.start();
  cleanups.push(() => redis.dispose());

  const s3Dir = join(work, 's3');
  rmSync(s3Dir, { recursive: true, force: true });
  const bucket = 'mixscope-bench';
  const s3 = await startS3rver({
    port: await freePort(),
    directory: join(s3Dir, 'data'),
    bucket,
    corsOrigins: ['http://localhost:3000'],
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  cleanups.push(async () => {
    await s3.process.stop(5_000);
    rmSync(s3Dir, { recursive: true, force: true });
  });

  // Sign-ups open their account from a mailed link.
  const mail = await startMailSink({ port: await freePort() });
  cleanups.push(() => mail.stop());

  const port = await freePort();
  const env = {
    SMTP_URL: mail.url,
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...SERVICE_ENV,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: 'bench',
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: bucket,
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    JWT_SECRET: randomBytes(32).toString('hex'),
  };
  const gateway = launch('gateway', 'dist/services/gateway/main.mjs', {
    ...env,
    PORT: String(port),
  });
  cleanups.push(() => gateway.stop());
  await waitForHttpOk(`http://127.0.0.1:${port}/api/ready`, 60_000);

  const analyzers = [];
  let launched = 0;
  /** `core`: pinned to that CPU with taskset (ffmpeg and the worker threads with it), measuring on one thread. */
  const startAnalyzer = async ({ core } = {}) => {
    const name = `analyzer-${++launched}`;
    const pinned = core === undefined ? {} : { ANALYZER_MEASURE_THREADS: '1' };
    const analyzer = launch(
      name,
      'dist/services/analyzer/main.mjs',
      { ...env, ...pinned, WORKER_NAME: name },
      core,
    );
    analyzers.push(analyzer);
    await waitFor(`${name} to start`, async () => analyzer.log().includes('ready as'), {
      timeoutMs: 60_000,
    });
    return analyzer;
  };
  cleanups.push(() => Promise.all(analyzers.map((a) => a.stop())));

  let llmWorker;
  cleanups.push(() => llmWorker?.stop() ?? Promise.resolve());
  return {
    gateway,
    port,
    mail,
    db,
    redis,
    analyzers,
    startAnalyzer,
    /** The feedback worker (rules engine: no GROQ_API_KEY), so completed analyses get their report. */
    async startFeedback() {
      if (llmWorker?.alive()) return;
      llmWorker = launch('llm-worker', 'dist/services/llm-worker/main.mjs', {
        ...env,
        WORKER_NAME: 'llm-worker',
      });
      await waitFor('llm-worker to start', async () => llmWorker.log().includes('ready as'), {
        timeoutMs: 60_000,
      });
    },
    /** Stops every analyzer, then starts `count`, the i-th pinned to core i when `pinned`. */
    async replaceAnalyzers(count, { pinned = false } = {}) {
      for (const analyzer of analyzers.splice(0)) await analyzer.stop();
      for (let i = 0; i < count; i++) await startAnalyzer(pinned ? { core: i } : {});
    },
    async setAnalyzers(count) {
      const running = analyzers.filter((a) => a.alive());
      for (const extra of running.slice(count)) {
        await extra.stop();
        analyzers.splice(analyzers.indexOf(extra), 1);
      }
      for (let i = running.length; i < count; i++) await startAnalyzer();
    },
  };
}

/** A service whose output goes to a file under bench/.work/load, so logging costs what it costs in production. */
function launch(name, script, env, core) {
  const logFile = join(work, `${name}.log`);
  const fd = openSync(logFile, 'w');
  const node = [process.execPath, '--enable-source-maps', join(root, script)];
  const [command, ...args] = core === undefined ? node : ['taskset', '-c', String(core), ...node];
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', fd, fd] });
  const exited = once(child, 'exit');
  return {
    name,
    child,
    log: () => readFileSync(logFile, 'utf8'),
    alive: () => child.exitCode === null && child.signalCode === null,
    /** taskset execs node in place, so the child's pid is node's either way. */
    nodePid: () => child.pid,
    async stop(graceMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** redis-server on a free loopback port, configured as production is: noeviction, append-only file. */
class PrivateRedis {
  constructor(dir) {
    this.dir = dir;
    this.port = 0;
  }
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start() {
    this.port ||= await freePort();
    mkdirSync(this.dir, { recursive: true });
    const fd = openSync(join(work, 'redis.log'), 'a');
    const child = spawn(
      'redis-server',
      [
        '--bind',
        '127.0.0.1',
        '--port',
        String(this.port),
        '--dir',
        this.dir,
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: ['ignore', fd, fd] },
    );
    this.child = child;
    this.exited = once(child, 'exit');
    await waitFor(`redis on ${this.port}`, () => portAcceptsConnections('127.0.0.1', this.port), {
      timeoutMs: 10_000,
    });
  }
  async stop() {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    await this.exited;
  }
  async restart(downMs) {
    await this.stop();
    await new Promise((r) => setTimeout(r, downMs));
    await this.start();
  }
  async dispose() {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function dropDatabase(databaseUrl) {
  const admin = new URL(databaseUrl);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

// --- the API -------------------------------------------------------------------------------------

class Api {
  constructor(base, mail) {
    this.base = base;
    this.mail = mail;
  }
  async call(method, path, token, body) {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }
  async expect(status, method, path, token, body) {
    const res = await this.call(method, path, token, body);
    if (res.status !== status)
      throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
  async signup() {
    const email = `bench-${randomBytes(4).toString('hex')}@studio.test`;
    await this.expect(202, 'POST', '/auth/signup', undefined, {
      email,
      password: 'correct horse battery',
      name: 'Bench',
      teamName: 'Bench team',
    });
    const link = await waitFor('the sign-up mail', async () =>
      this.mail.mails
        .find((m) => m.to.includes(email))
        ?.links.find((l) => l.includes('/signup/verify/')),
    );
    const token = decodeURIComponent(link.split('/signup/verify/')[1]);
    const body = await this.expect(201, 'POST', '/auth/signup/verify', undefined, { token });
    return { token: body.accessToken, teamId: body.team.id };
  }
  async upload(account, projectId, clip) {
    const uploadId = await this.put(account, projectId, clip);
    await this.complete(account, uploadId);
    return uploadId;
  }
  complete(account, uploadId) {
    return this.expect(200, 'POST', `/uploads/${uploadId}/complete`, account.token, {});
  }
  /** Presigns an upload and sends the bytes to storage; the upload is not completed yet. */
  async put(account, projectId, clip) {
    const presigned = await this.expect(
      201,
      'POST',
      `/projects/${projectId}/uploads`,
      account.token,
      {
        fileName: clip.name,
        sizeBytes: clip.bytes.length,
        contentType: clip.contentType,
      },
    );
    // s3rver now and then answers 500 to one of several concurrent PUTs; a client retries that.
    let put;
    for (let attempt = 1; attempt <= 3; attempt++) {
      put = await fetch(presigned.url, {
        method: 'PUT',
        headers: presigned.headers,
        body: clip.bytes,
      });
      if (put.status < 500) break;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
    if (!put.ok) throw new Error(`PUT to storage answered ${put.status}`);
    return presigned.uploadId;
  }
  /** Polls GET /analyses/:id every 20 ms until it has ended (and, with `report`, has its report). */
  async waitForEnd(account, analysisId, { report = false, timeoutMs = RUN_TIMEOUT_MS } = {}) {
    return waitFor(
      `analysis ${analysisId} to end`,
      async () => {
        const { body } = await this.call('GET', `/analyses/${analysisId}`, account.token);
        if (body?.status === 'failed')
          throw new Error(`analysis ${analysisId} failed: ${body.error}`);
        return body?.status === 'completed' && (!report || body.reportStatus === 'ready')
          ? body
          : undefined;
      },
      { timeoutMs, intervalMs: 20 },
    );
  }
}

/** Runs fn over items with at most `limit` at a time. */
async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

// --- (a) and (c): the burst ---------------------------------------------------------------------

async function burst(stack, api, account, clip, label, during, submitConcurrency) {
  const project = await api.expect(
    201,
    'POST',
    `/teams/${account.teamId}/projects`,
    account.token,
    { name: label },
  );
  console.log(`[${label}] uploading ${SUBMISSIONS} files…`);
  const uploads = await pool(Array.from({ length: SUBMISSIONS }), UPLOAD_CONCURRENCY, () =>
    api.upload(account, project.id, clip),
  );

  console.log(`[${label}] submitting ${SUBMISSIONS} analyses at once…`);
  const loadBefore = loadavg()[0];
  const analyzerCpuBefore = analyzerCpuMs(stack);
  const submitted = Date.now();
  const submit = async (uploadId) =>
    (
      await api.expect(202, 'POST', `/projects/${project.id}/analyses`, account.token, {
        uploadId,
      })
    ).analysisId;
  const ids = submitConcurrency
    ? await pool(uploads, submitConcurrency, submit)
    : await Promise.all(uploads.map(submit));
  const submitMs = Date.now() - submitted;

  const counts = async () =>
    (
      await stack.db.query(
        `SELECT count(*) FILTER (WHERE status = 'completed')::int AS completed,
              count(*) FILTER (WHERE status = 'failed')::int AS failed
       FROM analyses WHERE project_id = $1`,
        [project.id],
      )
    ).rows[0];
  const chaos = during?.({ counts, total: SUBMISSIONS });
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  let last = { completed: 0, failed: 0 };
  while (Date.now() < deadline) {
    last = await counts();
    if (last.completed + last.failed >= SUBMISSIONS) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const events = chaos ? await chaos : [];
  const analyzerCpuMsUsed = analyzerCpuMs(stack) - analyzerCpuBefore;

  const { rows } = await stack.db.query(
    `SELECT a.id, a.status, a.created_at, a.started_at, a.completed_at,
            (SELECT count(*)::int FROM track_results t WHERE t.analysis_id = a.id) AS results
     FROM analyses a WHERE a.project_id = $1`,
    [project.id],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const finishedLines = countLogLines(stack, /"msg":"finished ([0-9a-f-]{36})\.mix"/);
  const startedLines = countLogLines(stack, /"msg":"started ([0-9a-f-]{36})\.mix/);
  const completed = ids.filter((id) => byId.get(id)?.status === 'completed');
  const oneResult = ids.filter((id) => byId.get(id)?.results === 1);
  const measuredOnce = ids.filter((id) => finishedLines.get(id) === 1);
  const measuredTwice = ids.filter((id) => (finishedLines.get(id) ?? 0) > 1);
  const rerun = ids.filter((id) => (startedLines.get(id) ?? 0) > 1).length;
  const done = rows.filter((r) => r.completed_at);
  const queueToDone = done.map((r) => r.completed_at - r.created_at).sort((a, b) => a - b);
  const first = Math.min(...rows.map((r) => r.created_at.getTime()));
  const lastDone = Math.max(...done.map((r) => r.completed_at.getTime()));
  const result = {
    label,
    submissions: SUBMISSIONS,
    rows: rows.length,
    completed: completed.length,
    failed: last.failed,
    oneResult: oneResult.length,
    measuredOnce: measuredOnce.length,
    measuredTwice: measuredTwice.length,
    rerun,
    submitMs,
    wallSec: (lastDone - first) / 1000,
    throughput: done.length / ((lastDone - first) / 1000),
    p50: percentile(queueToDone, 0.5) / 1000,
    p95: percentile(queueToDone, 0.95) / 1000,
    events,
    load: loadBefore,
    analyzerCpuMsPerJob: chaos ? NaN : analyzerCpuMsUsed / SUBMISSIONS,
    sampleId: completed[0],
  };
  result.exactlyOnce =
    result.rows === SUBMISSIONS &&
    result.completed === SUBMISSIONS &&
    result.oneResult === SUBMISSIONS &&
    result.measuredTwice === 0;
  console.log(`[${label}]`, JSON.stringify({ ...result, events: undefined }));
  return result;
}

/** How many times each analysis id appears in the analyzers' logs under the pattern. */
function countLogLines(stack, pattern) {
  const counts = new Map();
  const global = new RegExp(pattern.source, 'g');
  for (const file of listAnalyzerLogs()) {
    for (const match of readFileSync(file, 'utf8').matchAll(global))
      counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
  }
  return counts;
}

/** Every analyzer log of this bench run, the killed ones' included. */
function listAnalyzerLogs() {
  const files = [];
  for (let i = 1; existsSync(join(work, `analyzer-${i}.log`)); i++)
    files.push(join(work, `analyzer-${i}.log`));
  return files;
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/**
 * At a quarter of the way, SIGKILL an analyzer in the middle of a job and start a new one 2 s
 * later (as an orchestrator would); at half-way, restart Redis (SIGTERM, 1 s down, same data).
 */
async function chaosMonkey(stack, { counts, total }) {
  const events = [];
  const at = (fraction) =>
    waitFor(`${fraction * 100}% done`, async () => (await counts()).completed >= total * fraction, {
      timeoutMs: RUN_TIMEOUT_MS,
      intervalMs: 200,
    });
  await at(0.25);
  const victim = await waitFor('an analyzer in the middle of a job', async () =>
    stack.analyzers.find((a) => a.alive() && midJob(a.log())),
  );
  const jobId = midJob(victim.log());
  await victim.kill9();
  stack.analyzers.splice(stack.analyzers.indexOf(victim), 1);
  events.push(
    `SIGKILL ${victim.name} while it ran ${jobId} (${(await counts()).completed}/${total} done)`,
  );
  await new Promise((r) => setTimeout(r, 2_000));
  const replacement = await stack.startAnalyzer();
  events.push(`started ${replacement.name} 2 s later`);

  await at(0.5);
  const before = (await counts()).completed;
  const down = Date.now();
  await stack.redis.restart(1_000);
  events.push(
    `restarted Redis (${before}/${total} done; down ${((Date.now() - down) / 1000).toFixed(1)} s)`,
  );
  return events;
}

/** The job an analyzer started last and has not finished, if any. */
function midJob(log) {
  const started = [...log.matchAll(/"msg":"started ([^ "]+)/g)].map((m) => m[1]);
  const last = started.at(-1);
  if (!last) return undefined;
  return log.includes(`"msg":"finished ${last}"`) || log.includes(`"msg":"skipped ${last}`)
    ? undefined
    : last;
}

// --- (b): reads -----------------------------------------------------------------------------------

/** CPU time of the running analyzers and their reaped children (ffmpeg), ms. */
function analyzerCpuMs(stack) {
  let total = 0;
  for (const analyzer of stack.analyzers) {
    if (!analyzer.alive()) continue;
    const pid = analyzer.nodePid();
    if (pid) total += cpuMsOf(pid, { children: true });
  }
  return total;
}

/** Gateway CPU time so far (user + system, ms), from /proc: the cost of requests on a busy machine. */
function cpuMsOf(pid, { children = false } = {}) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks =
    Number(fields[11]) +
    Number(fields[12]) +
    (children ? Number(fields[13]) + Number(fields[14]) : 0);
  return (ticks * 1000) / 100;
}

async function readLoad(stack, api, account) {
  await stack.setAnalyzers(1);
  await stack.startFeedback();
  const clip = makeClip(CLIP_SEC);
  const project = await api.expect(
    201,
    'POST',
    `/teams/${account.teamId}/projects`,
    account.token,
    {
      name: 'reads',
    },
  );
  const uploadId = await api.upload(account, project.id, clip);
  const { analysisId } = await api.expect(
    202,
    'POST',
    `/projects/${project.id}/analyses`,
    account.token,
    {
      uploadId,
    },
  );
  await api.waitForEnd(account, analysisId, { report: true });
  const first = await fetch(`${api.base}/analyses/${analysisId}`, {
    headers: { authorization: `Bearer ${account.token}` },
  });
  const bytes = (await first.arrayBuffer()).byteLength;
  const etag = first.headers.get('etag');
  const base = `http://127.0.0.1:${stack.port}/api`;
  const auth = { authorization: `Bearer ${account.token}` };
  const targets = [
    {
      label: '`GET /api/health` (baseline: no auth, no database)',
      url: `${base}/health`,
      headers: {},
    },
    { label: '`GET /api/analyses/:id`', url: `${base}/analyses/${analysisId}`, headers: auth },
    {
      label: '`GET /api/analyses/:id`, `If-None-Match` (304)',
      url: `${base}/analyses/${analysisId}`,
      headers: { ...auth, 'if-none-match': etag },
    },
  ];
  const rows = [];
  for (const target of targets) {
    console.log(`[reads] ${target.label}: autocannon, 100 connections, ${AUTOCANNON_SEC} s…`);
    const pid = stack.gateway.child.pid;
    const cpuBefore = cpuMsOf(pid);
    const load = loadavg()[0];
    const result = await autocannon({
      url: target.url,
      connections: 100,
      duration: AUTOCANNON_SEC,
      headers: target.headers,
    });
    const cpuMs = cpuMsOf(pid) - cpuBefore;
    rows.push({
      label: target.label,
      load,
      reqPerSec: result.requests.average,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      total: result.requests.total,
      statuses: Object.keys(result.statusCodeStats ?? {}).join(', '),
      errors: result.errors + result.timeouts,
      cpuUsPerRequest: (cpuMs * 1000) / Math.max(1, result.requests.total),
    });
    console.log('[reads]', JSON.stringify(rows.at(-1)));
  }
  return { bytes, rows };
}

// --- hosted path: upload-complete to result, against the CLI; a reference against none -----------

/** The CLI on the same file: wall time of the whole command, as a user waits for it. */
function cliSeconds(file) {
  const started = performance.now();
  execFileSync(process.execPath, [join(root, 'bin/mixscope.mjs'), 'analyze', file, '--json'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    maxBuffer: 64 * 2 ** 20,
  });
  return (performance.now() - started) / 1000;
}

/** Upload-complete to the completed document on GET, for a presigned and PUT upload (and reference). */
async function hostedSeconds(api, account, projectId, mixId, referenceId) {
  const started = performance.now();
  await api.complete(account, mixId);
  if (referenceId) await api.complete(account, referenceId);
  const { analysisId } = await api.expect(
    202,
    'POST',
    `/projects/${projectId}/analyses`,
    account.token,
    {
      uploadId: mixId,
      ...(referenceId ? { referenceUploadId: referenceId } : {}),
    },
  );
  const done = await api.waitForEnd(account, analysisId);
  return { seconds: (performance.now() - started) / 1000, timings: done.timings };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function hostedPath(stack, api, account) {
  const mix = makeClip(LONG_CLIP_SEC);
  const reference = makeClip(LONG_CLIP_SEC, 5);
  const project = await api.expect(
    201,
    'POST',
    `/teams/${account.teamId}/projects`,
    account.token,
    {
      name: 'hosted',
    },
  );
  const staged = async () => api.put(account, project.id, mix);

  // (1) Hosted against the CLI: one analyzer with its default pool, the CLI with its own, unpinned,
  // taking turns so both see the same machine.
  await stack.replaceAnalyzers(1);
  const pairs = [];
  for (let i = 0; i < HOSTED_RUNS; i++) {
    const load = loadavg()[0];
    const cli = cliSeconds(mix.file);
    const hosted = await hostedSeconds(api, account, project.id, await staged());
    pairs.push({ load, cli, hosted: hosted.seconds, timings: hosted.timings });
    console.log('[hosted]', JSON.stringify(pairs.at(-1)));
  }

  // (2) With a reference against without, on 2 analyzers each pinned to its own core.
  await stack.replaceAnalyzers(2, { pinned: true });
  const refPairs = [];
  for (let i = 0; i < HOSTED_RUNS; i++) {
    const load = loadavg()[0];
    const single = await hostedSeconds(api, account, project.id, await staged());
    const refId = await api.put(account, project.id, reference);
    const withRef = await hostedSeconds(api, account, project.id, await staged(), refId);
    refPairs.push({ load, single: single.seconds, withReference: withRef.seconds });
    console.log('[hosted]', JSON.stringify(refPairs.at(-1)));
  }
  return { mix, pairs, refPairs };
}

// --- scale-out: pinned analyzers ----------------------------------------------------------------------

async function scaleOut(stack, api, account) {
  const clip = makeClip(SCALE_CLIP_SEC);
  const runs = [];
  for (const count of [1, 2]) {
    await stack.replaceAnalyzers(count, { pinned: true });
    const cores = Array.from({ length: count }, (_, i) => i).join(', ');
    runs.push(
      await burst(
        stack,
        api,
        account,
        clip,
        `${count} analyzer${count > 1 ? 's' : ''}, core${count > 1 ? 's' : ''} ${cores}`,
        undefined,
        SCALE_SUBMIT_CONCURRENCY,
      ),
    );
  }
  return runs;
}

// --- docs/benchmarks.md ---------------------------------------------------------------------------

function machineLine() {
  const cpu = cpus();
  const version = (cmd, args, pattern) => {
    try {
      return pattern.exec(execFileSync(cmd, args, { encoding: 'utf8' }))?.[1] ?? '?';
    } catch {
      return '?';
    }
  };
  const machine = [
    `${cpu.length} × ${cpu[0].model.trim()}`,
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `Node ${process.version}`,
    `PostgreSQL ${version('psql', ['--version'], /(\d+\.\d+)/)}`,
    `Redis ${version('redis-server', ['--version'], /v=(\S+)/)}`,
    `ffmpeg ${version('ffmpeg', ['-version'], /version (\S+)/)}`,
  ].join(', ');
  const busy = `load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at the end`;
  return `Machine: ${machine} (${busy}). Date: ${new Date().toISOString().slice(0, 10)}.`;
}

const f = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

function burstTable(runs) {
  return [
    '| run | completed | with one result row | measured twice | jobs re-run after a crash | submit burst (s) | throughput (analyses/s) | queue→done p50 (s) | p95 (s) | analyzer CPU per job (s) | load average before |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...runs.map(
      (r) =>
        `| ${r.label} | ${r.completed}/${r.submissions} | ${r.oneResult} | ${r.measuredTwice} | ${r.rerun} | ${f(r.submitMs / 1000, 2)} | ${f(r.throughput, 2)} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.analyzerCpuMsPerJob / 1000, 2)} | ${f(r.load)} |`,
    ),
  ];
}

function report(runs) {
  const chaos = runs.find((r) => r.events.length);
  return [
    '## Load: the hosted pipeline',
    '',
    `\`npm run bench:load\` — gateway, analyzers, Postgres, a private Redis (noeviction, AOF) and s3rver on one machine over loopback. ` +
      `Each run: ${SUBMISSIONS} uploads of a ${CLIP_SEC} s stereo MP3 (192 kb/s, ${(readFileSync(join(work, `clip-${CLIP_SEC}s.mp3`)).length / 1024).toFixed(0)} KB), then all ${SUBMISSIONS} analyses submitted at once. ` +
      "Queue→done is an analysis' creation to its completion, as the database records them; throughput counts completions over the time from the first submission to the last completion. " +
      'The machine is shared with other work: the load average before each run says how much CPU the run had to itself. ' +
      `Settings: production defaults (ANALYZE_CONCURRENCY=1, LOG_LEVEL=log, JSON logs to files) except rate limits raised for the burst and job locks of 10 s (stall check every 5 s); no feedback worker.`,
    '',
    machineLine(),
    '',
    ...burstTable(runs),
    '',
    `Each analyzer process measures on its own pool of worker threads (2 to 4, by cores), so on ${cpus().length} cores one process can already keep every core busy: a second process on the same cores mostly shares them, and analyzers add throughput when they add cores (more pods or machines; see the pinned scale-out below).`,
    '',
    ...(chaos ? ['Chaos run:', ...chaos.events.map((e) => `- ${e}`), ''] : []),
    `All ${runs.length} runs: ${runs.every((r) => r.exactlyOnce) ? 'every submission completed, with exactly one stored result, none measured twice' : 'SOME SUBMISSIONS DID NOT COMPLETE EXACTLY ONCE'}.`,
  ].join('\n');
}

function reportReads({ bytes, rows }) {
  const [health, read, notModified] = rows;
  const ratio = (a, b) => f(a / b, 2);
  return [
    '## Load: reads',
    '',
    `\`npm run bench:load\` (part \`reads\`): a completed analysis with its report (${(bytes / 1024).toFixed(0)} KB of JSON), read with a Bearer token by autocannon at 100 connections for ${AUTOCANNON_SEC} s per row, one gateway process (production settings: helmet, JSON access log per request to a file, the per-user rate limit). ` +
      'The baseline row is the same gateway answering `GET /api/health`, measured in the same minute: the machine is shared, so the figures that carry over to another machine are the ratios, and the gateway CPU time per request (user + system, from /proc, which other load inflates far less than it cuts requests/s). autocannon runs on the same cores.',
    '',
    machineLine(),
    '',
    '| route | requests/s | ÷ baseline | latency p50 (ms) | p90 (ms) | p99 (ms) | requests | statuses | errors | gateway CPU per request (µs) | ÷ baseline | load average |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.label} | ${f(r.reqPerSec, 0)} | ${ratio(r.reqPerSec, health.reqPerSec)} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.total} | ${r.statuses} | ${r.errors} | ${f(r.cpuUsPerRequest, 0)} | ${ratio(r.cpuUsPerRequest, health.cpuUsPerRequest)} | ${f(r.load)} |`,
    ),
    '',
    `A read costs ${ratio(read.cpuUsPerRequest, health.cpuUsPerRequest)}× the gateway CPU of the health check, a 304 ${ratio(notModified.cpuUsPerRequest, health.cpuUsPerRequest)}×: ` +
      'the document is a kept serialised copy (checked against the database at most once a second once it has its report), the credential was confirmed by the database within the last 2 s, and the per-user limit is counted in memory and flushed to Redis every 100 ms (docs/hosted-service.md, "Reads").',
  ].join('\n');
}

function reportHosted({ mix, pairs, refPairs }) {
  const cli = median(pairs.map((p) => p.cli));
  const hosted = median(pairs.map((p) => p.hosted));
  const single = median(refPairs.map((p) => p.single));
  const withRef = median(refPairs.map((p) => p.withReference));
  const q = (p) => p.timings;
  return [
    '## Load: the hosted path against the CLI',
    '',
    `\`npm run bench:load\` (part \`hosted\`): a ${LONG_CLIP_SEC / 60}-minute stereo MP3 (192 kb/s, ${(mix.bytes.length / 2 ** 20).toFixed(1)} MB), ${HOSTED_RUNS} runs each, medians. ` +
      'Hosted: from `POST /api/uploads/:id/complete` (the bytes already in storage) to `GET /api/analyses/:id` showing it completed (polled every 20 ms), through gateway, queue, analyzer (download from s3rver, decode, measure, store) and finalize. ' +
      'CLI: `node bin/mixscope.mjs analyze FILE --json`, the whole command. The two take turns, so both see the same machine.',
    '',
    machineLine(),
    '',
    '| run | load average | CLI (s) | hosted (s) | hosted ÷ CLI | queued (ms) | run (ms) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...pairs.map(
      (p, i) =>
        `| ${i + 1} | ${f(p.load)} | ${f(p.cli, 2)} | ${f(p.hosted, 2)} | ${f(p.hosted / p.cli, 2)} | ${q(p).queuedMs ?? '–'} | ${q(p).runMs ?? '–'} |`,
    ),
    `| median | | ${f(cli, 2)} | ${f(hosted, 2)} | **${f(hosted / cli, 2)}** | | |`,
    '',
    'With a reference (a second 4-minute file) against without, 2 analyzers each pinned to its own core with `taskset -c N` (one measuring thread each), so the mix and the reference are measured side by side:',
    '',
    '| run | load average | mix only (s) | mix + reference (s) | ÷ |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...refPairs.map(
      (p, i) =>
        `| ${i + 1} | ${f(p.load)} | ${f(p.single, 2)} | ${f(p.withReference, 2)} | ${f(p.withReference / p.single, 2)} |`,
    ),
    `| median | | ${f(single, 2)} | ${f(withRef, 2)} | **${f(withRef / single, 2)}** |`,
  ].join('\n');
}

function reportScale(runs) {
  const [one, two] = runs;
  return [
    '## Load: scale-out on pinned cores',
    '',
    `\`npm run bench:load\` (part \`scale\`): ${SUBMISSIONS} uploads of a ${SCALE_CLIP_SEC} s stereo MP3 (${(readFileSync(join(work, `clip-${SCALE_CLIP_SEC}s.mp3`)).length / 1024).toFixed(0)} KB), then all submitted (${SCALE_SUBMIT_CONCURRENCY} at a time), with 1 analyzer and then 2, each pinned to its own core (\`taskset -c N\`, ffmpeg and the measuring thread inherit it; \`ANALYZER_MEASURE_THREADS=1\`). ` +
      `${SCALE_CLIP_SEC} s is long enough that measuring (about a third of a CPU-second) rather than the per-job hops (queue, download, database writes, finalize) is most of a job, and short enough for ${SUBMISSIONS} jobs to fit in minutes. ` +
      'The gateway, Postgres, Redis and s3rver are not pinned; on a shared machine the other work runs on the same cores.',
    '',
    machineLine(),
    '',
    ...burstTable(runs),
    '',
    `2 analyzers ÷ 1: **${f(two.throughput / one.throughput, 2)}×** the throughput; analyzer CPU per job (process and ffmpeg, from /proc) ${f(one.analyzerCpuMsPerJob / 1000, 2)} s with 1, ${f(two.analyzerCpuMsPerJob / 1000, 2)} s with 2. ` +
      'Throughput on pinned cores of a shared machine says how much of those cores the other work left; CPU per job says how much two analyzers get in each other’s way: on cores of their own, two would give 2 × (CPU per job with 1 ÷ CPU per job with 2) the throughput of one, an estimate.',
  ].join('\n');
}

function writeSection(name, section) {
  console.log(section);
  const file = join(root, 'docs/benchmarks.md');
  const START = `<!-- ${name}:start -->`;
  const END = `<!-- ${name}:end -->`;
  const block = `${START}\n${section}\n${END}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  const updated =
    from >= 0 && to > from
      ? `${text.slice(0, from)}${block}${text.slice(to + END.length)}`
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, updated);
}

// Last, so every class above is initialised before it runs.
try {
  await main();
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
}
process.exit(failed ? 1 : 0);

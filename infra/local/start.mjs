// `npm start`: the whole MixScope stack on this machine, with one interleaved, prefixed log.
// Postgres and Redis must be running; an S3-compatible store is started here unless S3_ENDPOINT is set.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import {
  migrateDatabase,
  postgresProblem,
  redisProblem,
  startMailSink,
  startProcess,
  startS3rver,
  superviseProcess,
  waitForHttpOk,
} from '../../dist/infra/local-stack.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const stateDir = join(root, '.mixscope');
const colors = [36, 35, 33, 32, 34, 31];
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const running = [];
let stopping = false;

function say(name, line, colorIndex = 5) {
  if (line.trim() === '') return;
  const label = name.padEnd(11);
  const prefix = useColor ? `\x1b[${colors[colorIndex % colors.length]}m${label}\x1b[0m` : label;
  process.stdout.write(`${prefix}| ${line}\n`);
}

function fail(lines) {
  for (const line of lines) say('start', line, 5);
  process.exit(1);
}

function loadDotEnv() {
  const file = join(root, '.env');
  if (existsSync(file)) {
    process.loadEnvFile(file);
    say('start', 'read settings from .env');
  }
}

/** A random secret kept under .mixscope/ so it survives restarts (sessions, the local S3 store). */
function localSecret(name) {
  const file = join(stateDir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function requireFfmpeg() {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    execFileSync('ffprobe', ['-version'], { stdio: 'ignore' });
  } catch {
    fail([
      'ffmpeg and ffprobe are needed to decode audio but were not found on PATH.',
      '  Debian/Ubuntu: sudo apt-get install -y ffmpeg',
      '  macOS:         brew install ffmpeg',
    ]);
  }
}

async function requirePostgres(url) {
  const problem = await postgresProblem(url);
  if (!problem) return;
  const shown = url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
  const auth = /28P01|28000|password|authentication/i.test(problem);
  fail([
    `Postgres is not reachable at ${shown} (${problem}).`,
    ...(auth
      ? [
          '  The server answered but refused the login: put the right user and password in DATABASE_URL (in .env).',
        ]
      : [
          '  Install and start PostgreSQL 15 or newer, or point DATABASE_URL (in .env) at a running server:',
          '    Debian/Ubuntu: sudo apt-get install -y postgresql && sudo pg_ctlcluster $(ls /etc/postgresql) main start',
          '    macOS:         brew install postgresql@16 && brew services start postgresql@16',
          '  DATABASE_URL defaults to postgresql://postgres@127.0.0.1:5432/mixscope (user postgres, no password).',
        ]),
  ]);
}

async function requireRedis(url) {
  const problem = await redisProblem(url);
  if (!problem) return;
  fail([
    `Redis is not reachable at ${url} (${problem}).`,
    '  Install and start Redis 6.2 or newer, or point REDIS_URL (in .env) at a running server:',
    '    Debian/Ubuntu: sudo apt-get install -y redis-server && redis-server --daemonize yes',
    '    macOS:         brew install redis && brew services start redis',
    '  REDIS_URL defaults to redis://127.0.0.1:6379.',
  ]);
}

/**
 * Starts a service and keeps it running: a crashed process is restarted with backoff (1 s, doubling
 * to 30 s, back to 1 s after a minute up) while the rest of the stack keeps serving.
 */
function launch(name, script, env, colorIndex) {
  const supervised = superviseProcess(
    name,
    () =>
      startProcess(name, process.execPath, ['--enable-source-maps', script], {
        cwd: root,
        env,
        onLine: (line) => say(name, line, colorIndex),
      }),
    (line) => say('start', line),
  );
  running.push(supervised);
  return supervised;
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  say('start', 'stopping…');
  // Reverse start order: workers and the gateway finish their jobs before S3 goes away.
  // Supervised services are stopped through their supervisor, so they are not restarted.
  for (const child of [...running].reverse()) await child.stop(15_000);
  process.exit(code);
}

async function main() {
  mkdirSync(stateDir, { recursive: true });
  loadDotEnv();
  // Empty values mean "unset", as they do for the services.
  const env = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ''));
  env.NODE_ENV ??= 'development';
  env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/mixscope';
  env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  env.PORT ??= '3001';
  env.HOST ??= '127.0.0.1';
  // The web server (web/start.mjs) is the one proxy in front: believe the client address it adds.
  env.TRUST_PROXY ??= '1';
  env.JWT_SECRET ??= localSecret('jwt-secret');
  // Services write JSON lines for log collectors; a terminal reads better as text.
  env.LOG_FORMAT ??= 'text';
  if (!useColor) env.NO_COLOR ??= '1';
  // The SDK's notice that its 2027 releases will need Node 22; the pinned release runs on Node 20.
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

  requireFfmpeg();
  await requirePostgres(env.DATABASE_URL);
  await requireRedis(env.REDIS_URL);

  const migrated = await migrateDatabase(env.DATABASE_URL, join(root, 'prisma/migrations'));
  if (migrated.created)
    say('migrate', `created database ${new URL(env.DATABASE_URL).pathname.slice(1)}`, 2);
  say(
    'migrate',
    migrated.applied.length ? `applied ${migrated.applied.join(', ')}` : 'database is up to date',
    2,
  );

  if (!env.S3_ENDPOINT) {
    const port = Number(env.S3_PORT ?? 4568);
    const corsOrigins = (env.CORS_ORIGINS ?? 'http://localhost:3000,http://127.0.0.1:3000').split(
      ',',
    );
    // The store answers only requests signed with this key; its secret is this instance's own.
    env.S3_ACCESS_KEY_ID ??= 'S3RVER';
    env.S3_SECRET_ACCESS_KEY ??= localSecret('s3-secret');
    const s3 = await startS3rver({
      port,
      directory: join(stateDir, 's3'),
      bucket: env.S3_BUCKET ?? 'mixscope-audio',
      corsOrigins,
      credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY },
      onLine: (line) => say('s3', line, 3),
    });
    running.push(s3.process);
    env.S3_ENDPOINT = s3.endpoint;
    say(
      's3',
      `S3-compatible store on ${s3.endpoint} (signed requests only), data in .mixscope/s3`,
      3,
    );
  }

  if (!env.SMTP_URL) {
    // Mail goes nowhere but this log: each invitation's link shows here.
    const sink = await startMailSink({
      port: Number(env.SMTP_SINK_PORT ?? 2525),
      onMail: (mail) =>
        say('mail', `to ${mail.to.join(', ')}: ${mail.subject} ${mail.links.join(' ')}`, 1),
    });
    running.push(sink);
    env.SMTP_URL = sink.url;
    say('mail', `mail sink on ${sink.url}: mail is printed here, not delivered`, 1);
  }
  env.PUBLIC_URL ??= `http://localhost:${env.WEB_PORT ?? '3000'}`;

  launch('gateway', 'dist/services/gateway/main.mjs', env, 0);
  const replicas = Number(env.ANALYZER_REPLICAS ?? 1);
  for (let i = 1; i <= replicas; i++) {
    launch(
      `analyzer-${i}`,
      'dist/services/analyzer/main.mjs',
      { ...env, WORKER_NAME: `analyzer-${i}` },
      i,
    );
  }
  // GROQ_API_KEY, GROQ_MODEL and GROQ_BASE_URL reach it through env; it logs which model it uses,
  // or that it stores the rules report because there is no key.
  launch(
    'llm-worker',
    'dist/services/llm-worker/main.mjs',
    { ...env, WORKER_NAME: 'llm-worker' },
    4,
  );
  const webPort = env.WEB_PORT ?? '3000';
  launch(
    'web',
    'web/start.mjs',
    { ...env, WEB_PORT: webPort, GATEWAY_URL: `http://127.0.0.1:${env.PORT}` },
    5,
  );

  await waitForHttpOk(`http://127.0.0.1:${env.PORT}/api/ready`, 60_000).catch((error) => {
    say('start', `the gateway did not become ready: ${error.message}`);
    return shutdown(1);
  });
  // `npm start` built the web app before this ran; loading it still takes a while on a small machine.
  await waitForHttpOk(`http://127.0.0.1:${webPort}/login`, 5 * 60_000).catch((error) => {
    say('start', `the web app did not come up: ${error.message}`);
    return shutdown(1);
  });
  say(
    'start',
    `MixScope is up on http://localhost:${webPort} (API http://127.0.0.1:${env.PORT}/api, docs http://127.0.0.1:${env.PORT}/api/docs)`,
  );
  say('start', 'Ctrl-C stops everything.');
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch((error) => fail([error.stack ?? String(error)]));

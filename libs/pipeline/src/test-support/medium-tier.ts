/**
 * The medium tier: tests against the real Postgres and Redis of this machine (or of DATABASE_URL
 * and REDIS_URL). Each suite gets its own database and queue prefix, dropped afterwards.
 */
import { redisConnectionFields } from '@mixscope/contracts';
import {
  applyMigrations,
  createPrismaClient,
  dropDatabase,
  ensureDatabase,
  type PrismaClient,
} from '@mixscope/db';
import type { Requirement } from '@mixscope/test-requirements';
import { Redis } from 'ioredis';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const MEDIUM_DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/mixscope';
export const MEDIUM_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const PROVIDE = 'run `bash infra/local/ensure-services.sh`, or set DATABASE_URL and REDIS_URL';

/** Why a service cannot be used, or null once `connect` has reached it. */
async function unreachable(connect: () => Promise<void>): Promise<string | null> {
  try {
    await connect();
    return null;
  } catch (error) {
    return `not reachable (${(error as Error).message})`;
  }
}

function postgresMissing(): Promise<string | null> {
  const admin = new URL(MEDIUM_DATABASE_URL);
  admin.pathname = '/postgres';
  const client = new pg.Client({
    connectionString: admin.toString(),
    connectionTimeoutMillis: 2_000,
  });
  return unreachable(async () => {
    await client.connect();
    await client.end();
  });
}

async function redisMissing(): Promise<string | null> {
  const redis = new Redis({
    ...redisConnectionFields(MEDIUM_REDIS_URL),
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  try {
    return await unreachable(async () => {
      await redis.connect();
      await redis.ping();
    });
  } finally {
    redis.disconnect();
  }
}

/** Postgres, probed now: pass to describeWith. */
export async function postgresRequirement(): Promise<Requirement> {
  const what = `PostgreSQL at ${new URL(MEDIUM_DATABASE_URL).host}`;
  return { what, missing: await postgresMissing(), provide: PROVIDE };
}

/** Redis, probed now: pass to describeWith. */
export async function redisRequirement(): Promise<Requirement> {
  const what = `Redis at ${new URL(MEDIUM_REDIS_URL).host}`;
  return { what, missing: await redisMissing(), provide: PROVIDE };
}

/** Postgres and Redis, probed now: pass to describeWith. */
export async function postgresAndRedis(): Promise<Requirement[]> {
  return Promise.all([postgresRequirement(), redisRequirement()]);
}

export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  drop(): Promise<void>;
}

/** A freshly migrated database of its own for one suite. */
export async function createTestDatabase(name: string): Promise<TestDatabase> {
  const url = new URL(MEDIUM_DATABASE_URL);
  url.pathname = `/mixscope_${name}_${process.pid}`;
  const databaseUrl = url.toString();
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  await applyMigrations(
    databaseUrl,
    fileURLToPath(new URL('../../../../prisma/migrations', import.meta.url)),
  );
  const prisma = createPrismaClient({ databaseUrl, poolSize: 4 });
  return {
    url: databaseUrl,
    prisma,
    async drop() {
      await prisma.$disconnect();
      await dropDatabase(databaseUrl).catch(() => {});
    },
  };
}

/** A team, user, project and ready upload to hang analyses on. */
export async function seedOwner(prisma: PrismaClient, label = 'test') {
  const user = await prisma.user.create({
    data: {
      email: `${label}-${process.pid}-${Date.now()}@test.local`,
      name: 'Test',
      passwordHash: 'x',
    },
  });
  const team = await prisma.team.create({ data: { name: `${label} team` } });
  await prisma.membership.create({ data: { teamId: team.id, userId: user.id, role: 'owner' } });
  const project = await prisma.project.create({
    data: { teamId: team.id, name: `${label} project` },
  });
  const upload = (fileName: string) =>
    prisma.upload.create({
      data: {
        teamId: team.id,
        projectId: project.id,
        createdById: user.id,
        fileName,
        contentType: 'audio/wav',
        declaredSizeBytes: 1000,
        objectKey: `test/${label}/${fileName}/${Date.now()}`,
        status: 'ready',
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
  return { userId: user.id, teamId: team.id, projectId: project.id, upload };
}

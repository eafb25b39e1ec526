import { spawnSync } from 'node:child_process';

/**
 * Where the tests find Postgres, Redis and S3: the URLs in the environment when set; otherwise
 * containers when Docker works; otherwise the services of this machine on their default ports
 * (and, for S3, an s3rver the stack starts itself).
 */
export interface BackingServices {
  /** A Postgres URL whose database part each stack replaces with a fresh database. */
  postgresUrl: string;
  redisUrl: string;
  /** Unset: each stack starts its own s3rver. */
  s3Endpoint: string | undefined;
  stop(): Promise<void>;
}

function dockerWorks(): boolean {
  const result = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 5_000 });
  return result.status === 0;
}

export async function backingServices(): Promise<BackingServices> {
  const stops: (() => Promise<unknown>)[] = [];
  let postgresUrl = process.env.DATABASE_URL;
  let redisUrl = process.env.REDIS_URL;
  if ((!postgresUrl || !redisUrl) && dockerWorks()) {
    const { GenericContainer, Wait } = await import('testcontainers');
    if (!postgresUrl) {
      const pg = await new GenericContainer('postgres:16-alpine')
        .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
        .withExposedPorts(5432)
        .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
        .start();
      stops.push(() => pg.stop());
      postgresUrl = `postgresql://postgres@${pg.getHost()}:${pg.getMappedPort(5432)}/postgres`;
    }
    if (!redisUrl) {
      const redis = await new GenericContainer('redis:7-alpine').withExposedPorts(6379).start();
      stops.push(() => redis.stop());
      redisUrl = `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`;
    }
  }
  return {
    postgresUrl: postgresUrl ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    redisUrl: redisUrl ?? 'redis://127.0.0.1:6379',
    s3Endpoint: process.env.S3_ENDPOINT,
    async stop() {
      await Promise.allSettled(stops.map((stop) => stop()));
    },
  };
}

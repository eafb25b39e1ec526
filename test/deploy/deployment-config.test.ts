import { redisConnectionFields } from '@mixscope/contracts';
import { QueueName } from '@mixscope/pipeline';
import { Queue } from 'bullmq';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { itWith, type Requirement } from '@mixscope/test-requirements';
import { parse, parseAllDocuments } from 'yaml';
import { DEFAULT_DECODE_TIMEOUT_MS } from '@mixscope/measure';
import { DEFAULT_PROBE_TIMEOUT_MS } from '@mixscope/measure';
import { GROQ_DEFAULTS } from '@mixscope/feedback';
import { root } from '../support/build.ts';

// Static checks of docker-compose.yml, infra/docker and infra/k8s: what can be verified without a
// container engine or a cluster. `docker compose config` runs too when a compose client is here.

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string>;
  ports?: string[];
  container_name?: string;
  restart?: string;
  healthcheck?: { test: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition: string }> | string[];
  stop_grace_period?: string;
}

const read = (path: string) => readFileSync(join(root, path), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
/** Services that run once and exit; the rest run for good. */
const isJob = (s: ComposeService) => s.restart === 'no';

function seconds(duration: string | undefined): number {
  const match = /^(\d+)(s|m)$/.exec(duration ?? '');
  if (!match) return 0;
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
}

/** The longest an analyze job can hold a worker: probe and decode time-outs, plus measuring and I/O. */
const LONGEST_ANALYZE_JOB_SEC = (DEFAULT_PROBE_TIMEOUT_MS + DEFAULT_DECODE_TIMEOUT_MS) / 1000 + 120;
// Without a configured bound there is no grace period long enough.
const LONGEST_FEEDBACK_JOB_SEC = GROQ_DEFAULTS.totalTimeoutMs / 1000;

describe('docker-compose.yml', () => {
  it('has every service of the stack', () => {
    for (const name of [
      'postgres',
      'redis',
      'minio',
      'minio-init',
      'migrate',
      'gateway',
      'analyzer',
      'llm-worker',
      'web',
    ])
      expect(services, name).toHaveProperty(name);
    expect(isJob(services['minio-init'])).toBe(true);
    expect(isJob(services.migrate)).toBe(true);
    expect(services.migrate.command).toEqual(['node', 'dist/prisma/migrate.mjs']);
  });

  it('gives every long-running service a healthcheck', () => {
    for (const [name, service] of Object.entries(services)) {
      if (isJob(service)) continue;
      expect(service.healthcheck?.test, name).toBeDefined();
      expect(service.healthcheck?.disable, name).not.toBe(true);
    }
  });

  it('waits for health, and for one-shot jobs to succeed, before starting what depends on them', () => {
    for (const [name, service] of Object.entries(services)) {
      if (!service.depends_on) continue;
      expect(Array.isArray(service.depends_on), `${name} uses the short depends_on form`).toBe(
        false,
      );
      for (const [dependency, { condition }] of Object.entries(
        service.depends_on as Record<string, { condition: string }>,
      )) {
        expect(services, `${name} depends on ${dependency}`).toHaveProperty(dependency);
        const expected = isJob(services[dependency])
          ? 'service_completed_successfully'
          : 'service_healthy';
        expect(condition, `${name} → ${dependency}`).toBe(expected);
      }
    }
    for (const app of ['gateway', 'analyzer', 'llm-worker']) {
      const deps = Object.keys(services[app].depends_on as object);
      expect(deps).toEqual(expect.arrayContaining(['postgres', 'redis', 'minio-init', 'migrate']));
    }
  });

  it('runs Redis without eviction and with an append-only file', () => {
    const command = [services.redis.command ?? []].flat().join(' ');
    expect(command).toMatch(/--maxmemory-policy noeviction\b/);
    expect(command).toMatch(/--appendonly yes\b/);
  });

  it('lets the analyzer scale and every worker finish its longest job when stopped', () => {
    const analyzer = services.analyzer;
    expect(analyzer.ports ?? []).toEqual([]);
    expect(analyzer.container_name).toBeUndefined();
    expect(seconds(analyzer.stop_grace_period)).toBeGreaterThan(LONGEST_ANALYZE_JOB_SEC);
    expect(seconds(services['llm-worker'].stop_grace_period)).toBeGreaterThan(
      LONGEST_FEEDBACK_JOB_SEC,
    );
    for (const [name, service] of Object.entries(services)) {
      if (!isJob(service)) expect(seconds(service.stop_grace_period), name).toBeGreaterThan(0);
    }
  });

  it('builds from Dockerfiles that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      if (!service.build) continue;
      expect(existsSync(join(root, service.build.context, service.build.dockerfile)), name).toBe(
        true,
      );
    }
  });

  const client = ['docker compose', 'docker-compose'].find(
    (c) => spawnSync('sh', ['-c', `${c} version`], { stdio: 'ignore' }).status === 0,
  );
  const composeClient: Requirement = {
    what: 'a Docker Compose client',
    missing: client ? null : 'neither `docker compose` nor `docker-compose` runs',
    provide: 'run `apt-get install -y docker-compose`',
  };
  itWith(
    composeClient,
    'passes `docker compose config`, and refuses to run without its secrets',
    () => {
      const secrets = {
        POSTGRES_PASSWORD: 'p',
        REDIS_PASSWORD: 'r',
        MINIO_ROOT_PASSWORD: 'm',
        S3_SECRET_ACCESS_KEY: 's',
        JWT_SECRET: 'j'.repeat(32),
      };
      const run = (env: Record<string, string>) =>
        spawnSync('sh', ['-c', `${client} -f docker-compose.yml config -q`], {
          cwd: root,
          env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
          encoding: 'utf8',
        });
      const ok = run(secrets);
      expect(ok.status, ok.stderr).toBe(0);
      const missing = run({ ...secrets, JWT_SECRET: '' });
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toContain('JWT_SECRET');
    },
  );
});

describe('Dockerfiles', () => {
  const dir = join(root, 'infra/docker');
  const files = readdirSync(dir).filter((f) => f.endsWith('.Dockerfile'));

  /** Instructions of the last stage (the image that runs). */
  const finalStage = (text: string) => {
    const lines = text
      .replace(/\\\n/g, ' ')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const last = lines.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true);
    return { stages: lines.filter((l) => /^FROM\s/i.test(l)).length, lines: lines.slice(last) };
  };

  it('has one image per service', () => {
    expect(files.sort()).toEqual(
      ['analyzer', 'gateway', 'llm-worker', 'web'].map((s) => `${s}.Dockerfile`),
    );
  });

  it.each(files)('%s is multi-stage and runs as a non-root user', (file) => {
    const { stages, lines } = finalStage(readFileSync(join(dir, file), 'utf8'));
    expect(stages).toBeGreaterThanOrEqual(2);
    const users = lines.filter((l) => /^USER\s/i.test(l)).map((l) => l.split(/\s+/)[1]);
    expect(users.length, 'final stage sets USER').toBeGreaterThan(0);
    expect(['root', '0', '0:0']).not.toContain(users.at(-1));
    const userAt = lines.findIndex((l) => /^USER\s/i.test(l));
    const cmdAt = lines.findIndex((l) => /^CMD\s/i.test(l));
    expect(userAt).toBeLessThan(cmdAt);
    expect(lines.some((l) => /^HEALTHCHECK\s/i.test(l))).toBe(true);
  });

  it('installs ffmpeg in the analyzer image that runs', () => {
    const { lines } = finalStage(read('infra/docker/analyzer.Dockerfile'));
    expect(lines.some((l) => /^RUN .*apt-get install .*\bffmpeg\b/.test(l))).toBe(true);
  });

  it('starts programs the build produces', () => {
    const build = read('scripts/build.mjs');
    for (const file of files) {
      const cmd = finalStage(readFileSync(join(dir, file), 'utf8')).lines.find((l) =>
        /^CMD\s/.test(l),
      )!;
      const entry = /"(dist\/[^"]+)\.mjs"/.exec(cmd)?.[1];
      if (entry) expect(build, file).toContain(`'${entry.replace(/^dist\//, '')}'`);
      else expect(cmd).toContain('web/start.mjs');
    }
  });
});

describe('infra/k8s', () => {
  const dir = join(root, 'infra/k8s');
  const kustomization = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as {
    resources: string[];
  };
  type K8sObject = {
    kind: string;
    metadata: { name: string };
    spec?: Record<string, unknown>;
    data?: Record<string, string>;
  };
  const objects: K8sObject[] = kustomization.resources.flatMap((file) =>
    parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((d) => d.toJS() as K8sObject),
  );
  const find = (kind: string, name: string) =>
    objects.find((o) => o.kind === kind && o.metadata.name === name);
  type PodSpec = {
    securityContext?: { runAsNonRoot?: boolean };
    terminationGracePeriodSeconds?: number;
    containers: {
      name: string;
      envFrom?: { secretRef?: { name: string }; configMapRef?: { name: string } }[];
      env?: { name: string; value?: string }[];
      livenessProbe?: unknown;
      readinessProbe?: unknown;
    }[];
  };
  const podSpec = (name: string) =>
    (find('Deployment', name)?.spec as { template: { spec: PodSpec } }).template.spec;

  it('lists only files that exist and holds no secret values', () => {
    for (const file of kustomization.resources)
      expect(existsSync(join(dir, file)), file).toBe(true);
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const config = find('ConfigMap', 'mixscope-config')!;
    for (const key of Object.keys(config.data ?? {}))
      expect(key).not.toMatch(/SECRET|PASSWORD|TOKEN|DATABASE_URL|REDIS_URL|API_KEY/);
  });

  it('runs every workload as non-root with probes, reading secrets from the Secret', () => {
    for (const name of ['gateway', 'analyzer', 'llm-worker', 'web']) {
      const spec = podSpec(name);
      expect(spec.securityContext?.runAsNonRoot, name).toBe(true);
      for (const container of spec.containers) expect(container.livenessProbe, name).toBeDefined();
      if (name !== 'web') {
        const secretRefs = spec.containers[0].envFrom?.map((e) => e.secretRef?.name);
        expect(secretRefs, name).toContain('mixscope-secrets');
      }
    }
    expect(podSpec('gateway').containers[0].readinessProbe).toBeDefined();
  });

  it('runs several gateway replicas and gives workers time to finish their longest job', () => {
    expect((find('Deployment', 'gateway')!.spec as { replicas: number }).replicas).toBeGreaterThan(
      1,
    );
    expect(podSpec('analyzer').terminationGracePeriodSeconds).toBeGreaterThan(
      LONGEST_ANALYZE_JOB_SEC,
    );
    expect(podSpec('llm-worker').terminationGracePeriodSeconds).toBeGreaterThan(
      LONGEST_FEEDBACK_JOB_SEC,
    );
  });

  it("autoscales the analyzer on the Redis list BullMQ keeps the analyze queue's waiting jobs in", async () => {
    const scaled = find('ScaledObject', 'analyzer')!.spec as {
      scaleTargetRef: { name: string };
      minReplicaCount: number;
      maxReplicaCount: number;
      triggers: {
        type: string;
        metadata: Record<string, string>;
        authenticationRef?: { name: string };
      }[];
    };
    expect(scaled.scaleTargetRef.name).toBe('analyzer');
    expect(find('Deployment', 'analyzer')).toBeDefined();
    expect(scaled.maxReplicaCount).toBeGreaterThan(scaled.minReplicaCount);
    const trigger = scaled.triggers.find((t) => t.type === 'redis')!;
    expect(Number(trigger.metadata.listLength)).toBeGreaterThan(0);
    expect(find('TriggerAuthentication', trigger.authenticationRef!.name)).toBeDefined();
    const prefix = find('ConfigMap', 'mixscope-config')!.data!.QUEUE_PREFIX;
    expect(trigger.metadata.listName).toBe(`${prefix}:${QueueName.analyze}:wait`);

    // The key is BullMQ's own: a waiting job lands in exactly that list.
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const testPrefix = `k${randomBytes(4).toString('hex')}`;
    const queue = new Queue(QueueName.analyze, {
      connection: redisConnectionFields(redisUrl),
      prefix: testPrefix,
    });
    const redis = new Redis(redisUrl);
    try {
      await queue.add('probe', {});
      await queue.add('probe', {});
      const key = trigger.metadata.listName.replace(`${prefix}:`, `${testPrefix}:`);
      expect(await redis.type(key)).toBe('list');
      expect(await redis.llen(key)).toBe(2);
    } finally {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      redis.disconnect();
    }
  });
});

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Queue states reported as depth; `waiting` is what autoscaling looks at. */
export const QUEUE_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'failed',
] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/** Anything that can count a queue's jobs by state (a BullMQ Queue can). */
export interface CountableQueue {
  readonly name: string;
  getJobCounts(...states: QueueState[]): Promise<Record<string, number>>;
}

/** A registry with the process' default metrics, every series labelled with the service name. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'mixscope_' });
  return registry;
}

/**
 * `mixscope_queue_jobs{queue,state}`, read from Redis when scraped. A scrape that cannot reach Redis
 * reports nothing for the queue rather than failing the whole page.
 */
export function registerQueueDepth(
  registry: Registry,
  queues: CountableQueue[],
  timeoutMs = 2_000,
): Gauge {
  return new Gauge({
    name: 'mixscope_queue_jobs',
    help: 'Jobs in each queue by state (waiting is the backlog autoscaling follows).',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        queues.map(async (queue) => {
          let timer: NodeJS.Timeout | undefined;
          try {
            const counts = await Promise.race([
              queue.getJobCounts(...QUEUE_STATES),
              new Promise<never>((_, reject) => {
                timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
              }),
            ]);
            for (const state of QUEUE_STATES)
              this.set({ queue: queue.name, state }, counts[state] ?? 0);
          } catch {
            // Redis is away: the series are absent for this scrape, and /api/ready says why.
          } finally {
            clearTimeout(timer);
          }
        }),
      );
    },
  });
}

/** HTTP latency by method, route template and status. */
export function registerHttpMetrics(registry: Registry): Histogram<'method' | 'route' | 'status'> {
  return new Histogram({
    name: 'mixscope_http_request_duration_seconds',
    help: 'HTTP request duration from arrival to the last byte of the response.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
}

export type JobOutcome = 'completed' | 'failed';

/** What a worker process measures about the jobs it runs. */
export class JobMetrics {
  readonly duration: Histogram<'queue' | 'outcome'>;
  readonly stage: Histogram<'queue' | 'stage'>;
  readonly failures: Counter<'queue' | 'final'>;
  readonly active: Gauge<'queue'>;

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'mixscope_job_duration_seconds',
      help: 'Wall time of one job attempt in this worker, by outcome.',
      labelNames: ['queue', 'outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600],
      registers: [registry],
    });
    this.stage = new Histogram({
      name: 'mixscope_job_stage_duration_seconds',
      help: 'Wall time of each stage of a job (download, decode, loudness, spectrum, ..., save).',
      labelNames: ['queue', 'stage'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers: [registry],
    });
    this.failures = new Counter({
      name: 'mixscope_job_failures_total',
      help: 'Failed job attempts; final="true" when no attempt is left (the analysis failed).',
      labelNames: ['queue', 'final'],
      registers: [registry],
    });
    this.active = new Gauge({
      name: 'mixscope_jobs_active',
      help: 'Jobs this worker process is running now.',
      labelNames: ['queue'],
      registers: [registry],
    });
  }

  observeStages(queue: string, stagesMs: Record<string, number>): void {
    for (const [stage, ms] of Object.entries(stagesMs)) {
      if (Number.isFinite(ms) && ms >= 0) this.stage.observe({ queue, stage }, ms / 1000);
    }
  }
}

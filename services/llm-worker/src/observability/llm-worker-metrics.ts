import { Injectable } from '@nestjs/common';
import { createMetricsRegistry, JobMetrics } from '@mixscope/observability';
import type { Registry } from 'prom-client';

/** This process' metrics: feedback job durations and failures, and the process' own. */
@Injectable()
export class LlmWorkerMetrics {
  readonly registry: Registry = createMetricsRegistry('llm-worker');
  readonly jobs = new JobMetrics(this.registry);
}

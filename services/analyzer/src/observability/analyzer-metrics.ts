import { Injectable } from '@nestjs/common';
import { createMetricsRegistry, JobMetrics } from '@mixscope/observability';
import type { Registry } from 'prom-client';

/** This process' metrics: job durations per queue and stage, failures, and the process' own. */
@Injectable()
export class AnalyzerMetrics {
  readonly registry: Registry = createMetricsRegistry('analyzer');
  readonly jobs = new JobMetrics(this.registry);
}

import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.ts';
import {
  HTTP_LATENCY,
  httpLatencyProvider,
  METRICS_REGISTRY,
  metricsRegistryProvider,
  QueueDepthService,
} from './metrics.providers.ts';

/** Prometheus metrics of the gateway: HTTP latency, queue depth, and the process' own. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [metricsRegistryProvider, httpLatencyProvider, QueueDepthService],
  exports: [METRICS_REGISTRY, HTTP_LATENCY],
})
export class MetricsModule {}

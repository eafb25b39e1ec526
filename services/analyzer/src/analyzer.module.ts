import { Module, type DynamicModule } from '@nestjs/common';
import { databaseProviders, metricsEndpointProviders } from '@mixscope/service-kit';
import { AnalyzeTrackProcessor } from './analyze/analyze-track.processor.ts';
import { TrackMeasurerService } from './analyze/track-measurer.service.ts';
import { ANALYZER_CONFIG, type AnalyzerConfig } from './config/analyzer-config.ts';
import { FinalizeAnalysisProcessor } from './finalize/finalize-analysis.processor.ts';
import { AudioStorageService } from './infra/audio-storage.service.ts';
import { FeedbackQueueService } from './infra/feedback-queue.service.ts';
import { AnalyzerMetrics } from './observability/analyzer-metrics.ts';
import { WorkerHostService } from './workers/worker-host.service.ts';

/** The analyzer: a headless app (no HTTP) that consumes the analysis queues. */
@Module({})
export class AnalyzerModule {
  static forRoot(config: AnalyzerConfig): DynamicModule {
    return {
      module: AnalyzerModule,
      providers: [
        { provide: ANALYZER_CONFIG, useValue: config },
        ...databaseProviders(ANALYZER_CONFIG),
        AudioStorageService,
        FeedbackQueueService,
        TrackMeasurerService,
        AnalyzeTrackProcessor,
        FinalizeAnalysisProcessor,
        WorkerHostService,
        AnalyzerMetrics,
        ...metricsEndpointProviders({
          config: ANALYZER_CONFIG,
          metrics: AnalyzerMetrics,
          workers: WorkerHostService,
        }),
      ],
    };
  }
}

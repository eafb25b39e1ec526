import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueName } from '@mixscope/pipeline';
import { QueueWorkerHost } from '@mixscope/service-kit';
import { AnalyzeTrackProcessor } from '../analyze/analyze-track.processor.ts';
import { ANALYZER_CONFIG, type AnalyzerConfig } from '../config/analyzer-config.ts';
import { FinalizeAnalysisProcessor } from '../finalize/finalize-analysis.processor.ts';
import { AnalyzerMetrics } from '../observability/analyzer-metrics.ts';

/** Runs the `analyze` and `finalize` workers of this process. */
@Injectable()
export class WorkerHostService extends QueueWorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(ANALYZER_CONFIG) private readonly config: AnalyzerConfig,
    private readonly analyzeTrack: AnalyzeTrackProcessor,
    private readonly finalizeAnalysis: FinalizeAnalysisProcessor,
    metrics: AnalyzerMetrics,
  ) {
    super(config, metrics.jobs);
  }

  onApplicationBootstrap(): void {
    this.startWorker(QueueName.analyze, (job, _token, signal) =>
      this.analyzeTrack.process(job, signal),
    );
    this.startWorker(QueueName.finalize, (job) => this.finalizeAnalysis.process(job));
    const analyze = this.config.queues.analyze;
    this.logger.log(
      `${this.config.workerName} consuming "${QueueName.analyze}" (concurrency ${analyze.concurrency}) and "${QueueName.finalize}"`,
    );
  }
}

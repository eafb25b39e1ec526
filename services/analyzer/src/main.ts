import 'reflect-metadata';
import { startWorkerProcess } from '@mixscope/service-kit';
import { AnalyzerModule } from './analyzer.module.ts';
import { loadAnalyzerConfig } from './config/analyzer-config.ts';

startWorkerProcess({
  service: 'analyzer',
  loggerName: 'Analyzer',
  loadConfig: loadAnalyzerConfig,
  module: (config) => AnalyzerModule.forRoot(config),
});

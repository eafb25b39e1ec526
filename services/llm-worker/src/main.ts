import 'reflect-metadata';
import { startWorkerProcess } from '@mixscope/service-kit';
import { LlmWorkerModule } from './llm-worker.module.ts';
import { loadLlmWorkerConfig } from './config/llm-worker-config.ts';

startWorkerProcess({
  service: 'llm-worker',
  loggerName: 'LlmWorker',
  loadConfig: loadLlmWorkerConfig,
  module: (config) => LlmWorkerModule.forRoot(config),
});

import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError } from '@mixscope/contracts';
import { createJsonLogger, NestJsonLogger } from '@mixscope/observability';
import { LlmWorkerModule } from './llm-worker.module.ts';
import { loadLlmWorkerConfig, type LlmWorkerConfig } from './config/llm-worker-config.ts';

function loadConfigOrExit(): LlmWorkerConfig {
  try {
    return loadLlmWorkerConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
}

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createJsonLogger({
    service: 'llm-worker',
    level: config.logLevel,
    format: config.logFormat,
  }).child({ worker: config.workerName });
  const app = await NestFactory.createApplicationContext(LlmWorkerModule.forRoot(config), {
    logger: new NestJsonLogger(log),
  });
  app.enableShutdownHooks();
  const logger = new Logger('LlmWorker');
  process.on('unhandledRejection', (reason) =>
    logger.error(`unhandled rejection: ${String(reason)}`),
  );
  logger.log(`ready as ${config.workerName}`);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError } from '@mixscope/contracts';
import { createJsonLogger, NestJsonLogger } from '@mixscope/observability';
import { AnalyzerModule } from './analyzer.module.ts';
import { loadAnalyzerConfig, type AnalyzerConfig } from './config/analyzer-config.ts';

function loadConfigOrExit(): AnalyzerConfig {
  try {
    return loadAnalyzerConfig();
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
    service: 'analyzer',
    level: config.logLevel,
    format: config.logFormat,
  }).child({ worker: config.workerName });
  const app = await NestFactory.createApplicationContext(AnalyzerModule.forRoot(config), {
    logger: new NestJsonLogger(log),
  });
  app.enableShutdownHooks();
  const logger = new Logger('Analyzer');
  // A stray rejection (a dropped connection, say) is logged; the workers keep going.
  process.on('unhandledRejection', (reason) =>
    logger.error(`unhandled rejection: ${String(reason)}`),
  );
  logger.log(`ready as ${config.workerName}`);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

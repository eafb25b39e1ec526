import { Logger, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, type SharedConfig } from '@mixscope/contracts';
import { createJsonLogger, NestJsonLogger } from '@mixscope/observability';

/** Reads the service's config; a config error exits with EX_CONFIG (78) and its message alone. */
export function loadConfigOrExit<C>(load: () => C): C {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
}

/** Runs a service's start-up; a failure is printed and exits with 1. */
export function runService(start: () => Promise<void>): void {
  start().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

export interface WorkerProcess<C> {
  /** Written on every log line as `service`. */
  service: string;
  /** The logger name of the start-up lines. */
  loggerName: string;
  loadConfig: () => C;
  module: (config: C) => DynamicModule;
}

/** Starts a headless worker process: config, JSON logs tagged with the worker's name, the Nest context. */
export function startWorkerProcess<
  C extends Pick<SharedConfig, 'logLevel' | 'logFormat'> & { workerName: string },
>(spec: WorkerProcess<C>): void {
  runService(async () => {
    const config = loadConfigOrExit(spec.loadConfig);
    const log = createJsonLogger({
      service: spec.service,
      level: config.logLevel,
      format: config.logFormat,
    }).child({ worker: config.workerName });
    const app = await NestFactory.createApplicationContext(spec.module(config), {
      logger: new NestJsonLogger(log),
    });
    app.enableShutdownHooks();
    const logger = new Logger(spec.loggerName);
    // A stray rejection (a dropped connection, say) is logged; the workers keep going.
    process.on('unhandledRejection', (reason) =>
      logger.error(`unhandled rejection: ${String(reason)}`),
    );
    logger.log(`ready as ${config.workerName}`);
  });
}

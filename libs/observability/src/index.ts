export * from './log-context.ts';
export * from './json-logger.ts';
export * from './metrics.ts';
export * from './job-instrumentation.ts';
export * from './metrics-server.ts';

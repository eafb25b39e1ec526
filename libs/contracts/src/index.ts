export * from './queues.ts';
export * from './queue-settings.ts';
export * from './progress-stages.ts';
export * from './job-payloads.ts';
export * from './socket-events.ts';
export * from './service-env.ts';
export type * from './api-types.ts';

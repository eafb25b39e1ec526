export * from './database.provider.ts';
export * from './metrics-endpoint.service.ts';
export * from './queue-worker.ts';
export * from './queue-worker-host.ts';
export * from './service-config.ts';
export * from './service-main.ts';

export * from './progress.ts';
export * from './progress/publish-track-progress.ts';
export * from './queues/queue-names.ts';
export * from './queues/queue-settings.ts';
export * from './queues/job-options.ts';
export * from './analyses/analysis-records.ts';
export * from './analyses/analysis-repository.ts';
export * from './analyses/stored-document-error.ts';

export * from './prisma-client.ts';
export * from './migrate/ensure-database.ts';
export * from './migrate/migration-runner.ts';

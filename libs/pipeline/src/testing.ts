export * from './test-support/medium-tier.ts';
export * from './test-support/test-analyses.ts';

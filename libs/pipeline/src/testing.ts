export * from './test-support/medium-tier.ts';

export * from './analysis/sample-results.fixture.ts';

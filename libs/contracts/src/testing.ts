export * from './testing/analysis-results.fixture.ts';

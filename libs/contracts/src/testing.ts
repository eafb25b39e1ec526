export * from './testing/analysis-results.fixture.ts';
export * from './testing/feedback-reports.fixture.ts';

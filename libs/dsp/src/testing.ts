export * from './loudness/test-signals.ts';
export * from './rhythm/test-signals.fixture.ts';
export * from './loudness/platform-rows.fixture.ts';

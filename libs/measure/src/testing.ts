export * from './accuracy/tempo-set.fixture.ts';
export * from './test-support/make-bad-inputs.ts';
export * from './test-support/run-ffmpeg.ts';

export * from './loudness/test-signals.ts';
export * from './rhythm/test-signals.fixture.ts';
export * from './loudness/platform-rows.fixture.ts';
export * from './loudness/codec-rows.fixture.ts';
export { withCodecPeaks } from './loudness/platforms.ts';
export { seededRandom } from './spectrum/test-signals.ts';

import { describe, expect, it } from 'vitest';
import { scanChannel } from './clipping-scan.ts';

describe('scanChannel', () => {
  it('counts a run that crosses from one scanned span into the next once, whole', () => {
    const samples = new Float32Array(200_000).fill(0.25);
    // Scanned in spans of 65536 samples: this run starts in the first and ends in the second.
    samples.fill(1, 65_533, 65_540);
    samples[65_538] = 1.5;
    samples.fill(-1, 150_000, 150_003);
    const scan = scanChannel(samples, 1000);
    expect(scan.clipEvents).toBe(2);
    expect(scan.clippedSamples).toBe(7 + 3);
    expect(scan.samplesAboveFullScale).toBe(1);
    expect(scan.clipTimes).toEqual([65.533, 150]);
    const sum = 0.25 * (200_000 - 10) + 6 + 1.5 - 3;
    expect(scan.mean).toBeCloseTo(sum / 200_000, 12);
  });

  it('does not count two full-scale samples as clipping, at a span edge either', () => {
    const samples = new Float32Array(140_000);
    samples.fill(1, 65_535, 65_537);
    expect(scanChannel(samples, 44_100).clipEvents).toBe(0);
  });
});

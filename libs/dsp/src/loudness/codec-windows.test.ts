import { describe, expect, it } from 'vitest';
import type { AudioData } from '../audio-data.ts';
import { CODEC_WINDOW, selectCodecWindows } from './codec-windows.ts';

const RATE = 44_100;

/** Seeded noise at `level`, so the test is the same on every run. */
function noise(seconds: number, level: number, seed = 1): Float32Array<ArrayBuffer> {
  const out = new Float32Array(Math.round(seconds * RATE));
  let state = seed;
  for (let i = 0; i < out.length; i++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    out[i] = level * (state / 2 ** 31 - 1);
  }
  return out;
}

function stereo(left: Float32Array, right: Float32Array = left.slice()): AudioData {
  return { sampleRate: RATE, channels: [left, right], channelLabels: ['FL', 'FR'] };
}

const inside = (frame: number, windows: ReturnType<typeof selectCodecWindows>) =>
  windows.some((w) => w.coreStart <= frame && frame < w.coreEnd);

describe('selectCodecWindows', () => {
  it('takes the whole of a short track', () => {
    const length = 10 * RATE;
    expect(selectCodecWindows(stereo(noise(10, 0.1)))).toEqual([
      { start: 0, end: length, coreStart: 0, coreEnd: length },
    ]);
  });

  it('holds the highest peak, even one whose samples tie with others at full scale', () => {
    const left = noise(120, 0.1);
    // Clipped hits at full scale all over the track...
    for (let s = 5; s < 115; s += 7) left[s * RATE] = 1;
    // ...and one pair of full-scale samples of opposite sign, whose inter-sample peak is far above.
    const hit = Math.round(83.3 * RATE);
    left[hit] = 1;
    left[hit + 1] = -1;
    const windows = selectCodecWindows(stereo(left, noise(120, 0.1, 7)));
    expect(inside(hit, windows)).toBe(true);
  });

  it('holds the loudest stretch and stays a small share of the track', () => {
    const left = noise(240, 0.05);
    left.set(noise(6, 0.5, 3), 150 * RATE);
    const windows = selectCodecWindows(stereo(left));
    expect(inside(152 * RATE, windows) || inside(153 * RATE, windows)).toBe(true);
    const encoded = windows.reduce((sum, w) => sum + w.end - w.start, 0) / RATE;
    const most =
      CODEC_WINDOW.peakWindows * (CODEC_WINDOW.peakCoreSec + 2 * CODEC_WINDOW.marginSec) +
      CODEC_WINDOW.loudWindows * (CODEC_WINDOW.loudCoreSec + 2 * CODEC_WINDOW.marginSec);
    expect(encoded).toBeLessThanOrEqual(most + 1e-9);
    for (let i = 1; i < windows.length; i++) {
      expect(windows[i].start).toBeGreaterThan(windows[i - 1].end);
    }
    for (const w of windows) {
      expect(w.start).toBeLessThanOrEqual(w.coreStart);
      expect(w.coreEnd).toBeLessThanOrEqual(w.end);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../errors.ts';
import { PlanarWriter } from './planar-writer.ts';

const tooLong = () => new AnalysisError('TOO_LONG', 'too long');

/** Interleaved float bytes for `frames` frames, sample (f, c) = f + c / 10. */
function interleaved(
  frames: number,
  channels: number,
): { bytes: Uint8Array; expected: Float32Array[] } {
  const samples = new Float32Array(frames * channels);
  const expected = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < channels; c++) {
      samples[f * channels + c] = f + c / 10;
      expected[c][f] = f + c / 10;
    }
  }
  return { bytes: new Uint8Array(samples.buffer), expected };
}

/** Feeds `bytes` in chunks of the given sizes (cycled), each copied to an odd offset of its buffer. */
function feed(writer: PlanarWriter, bytes: Uint8Array, sizes: number[], misalign: boolean): void {
  let offset = 0;
  for (let k = 0; offset < bytes.length; k++) {
    const size = Math.min(sizes[k % sizes.length], bytes.length - offset);
    const shift = misalign ? 1 + (k % 3) : 0;
    const holder = new Uint8Array(size + shift);
    holder.set(bytes.subarray(offset, offset + size), shift);
    writer.write(holder.subarray(shift));
    offset += size;
  }
}

describe('PlanarWriter', () => {
  for (const channels of [1, 2, 3, 6]) {
    for (const misalign of [false, true]) {
      it(`${channels} ch, chunks split mid-sample and mid-frame${misalign ? ', misaligned' : ''}`, () => {
        const { bytes, expected } = interleaved(1000, channels);
        // A small start forces several grow steps.
        const writer = new PlanarWriter(channels, 10, 1_000_000, tooLong);
        feed(writer, bytes, [1, 3, 7, 4096, 5, 2, 24, 13], misalign);
        expect(writer.frames).toBe(1000);
        const out = writer.finish();
        expect(out).toEqual(expected);
        for (const channel of out) expect(channel.buffer).toBeInstanceOf(SharedArrayBuffer);
      });
    }
  }

  it('replaces NaN and ±Infinity by 0 and counts them, in whole frames and split ones', () => {
    const samples = new Float32Array([0.5, NaN, Infinity, -0.25, -Infinity, 1e-30, 3.4e38, NaN]);
    for (const sizes of [[32], [1], [3, 5]]) {
      const writer = new PlanarWriter(2, 4, 100, tooLong);
      feed(writer, new Uint8Array(samples.buffer), sizes, false);
      const [left, right] = writer.finish();
      expect(Array.from(left)).toEqual([0.5, 0, 0, Math.fround(3.4e38)]);
      expect(Array.from(right)).toEqual([0, -0.25, Math.fround(1e-30), 0]);
      expect(writer.invalidSampleCount).toBe(4);
    }
  });

  it('throws the caller’s TOO_LONG error past maxFrames', () => {
    const { bytes } = interleaved(101, 2);
    const writer = new PlanarWriter(2, 10, 100, tooLong);
    expect(() => feed(writer, bytes, [64], false)).toThrow(
      expect.objectContaining({ code: 'TOO_LONG' }),
    );
  });

  it('accepts exactly maxFrames', () => {
    const { bytes } = interleaved(100, 2);
    const writer = new PlanarWriter(2, 10, 100, tooLong);
    feed(writer, bytes, [64], false);
    expect(writer.frames).toBe(100);
  });

  it('hands back right-sized buffers when the preallocation was far too big', () => {
    const { bytes } = interleaved(10, 2);
    const writer = new PlanarWriter(2, 1000, 10_000, tooLong);
    writer.write(bytes);
    const [left] = writer.finish();
    expect(left.length).toBe(10);
    expect(left.buffer.byteLength).toBe(40);
  });
});

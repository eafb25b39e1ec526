import { AnalysisError } from '../errors.ts';

const BYTES_PER_SAMPLE = 4;

/**
 * Deinterleaves a stream of native-endian 32-bit float PCM, arriving in chunks of any size and
 * alignment, straight into one SharedArrayBuffer-backed Float32Array per channel.
 * NaN and ±Infinity samples are written as 0 and counted.
 */
export class PlanarWriter {
  readonly channelCount: number;
  /** Frames (samples per channel) written so far. */
  frames = 0;
  invalidSampleCount = 0;
  private channels: Float32Array[];
  private capacity: number;
  private readonly maxFrames: number;
  /** Channel the next sample belongs to, when a chunk ended mid-frame. */
  private nextChannel = 0;
  /** Bytes of a sample split across two chunks. */
  private readonly carry = new Uint8Array(BYTES_PER_SAMPLE);
  private carryLength = 0;
  /** Aligned copy area, used only for chunks whose sample data is not 4-byte aligned. */
  private scratch = new Uint8Array(0);

  /**
   * @param initialFrames frames to preallocate per channel (the probed length plus headroom).
   * @param maxFrames writing past this throws TOO_LONG, via `tooLong`.
   */
  constructor(
    channelCount: number,
    initialFrames: number,
    maxFrames: number,
    private readonly tooLong: () => AnalysisError,
  ) {
    this.channelCount = channelCount;
    this.maxFrames = maxFrames;
    this.capacity = Math.max(1, Math.min(Math.ceil(initialFrames), maxFrames));
    this.channels = Array.from({ length: channelCount }, () => sharedFloats(this.capacity));
  }

  write(chunk: Uint8Array): void {
    let offset = 0;
    if (this.carryLength > 0) {
      while (this.carryLength < BYTES_PER_SAMPLE && offset < chunk.length) {
        this.carry[this.carryLength++] = chunk[offset++];
      }
      if (this.carryLength < BYTES_PER_SAMPLE) return;
      this.carryLength = 0;
      this.pushSamples(new Float32Array(this.carry.buffer, 0, 1));
    }
    const sampleCount = Math.floor((chunk.length - offset) / BYTES_PER_SAMPLE);
    const sampleBytes = sampleCount * BYTES_PER_SAMPLE;
    if (sampleCount > 0) {
      const start = chunk.byteOffset + offset;
      if (start % BYTES_PER_SAMPLE === 0) {
        this.pushSamples(new Float32Array(chunk.buffer, start, sampleCount));
      } else {
        if (this.scratch.length < sampleBytes) this.scratch = new Uint8Array(sampleBytes);
        this.scratch.set(chunk.subarray(offset, offset + sampleBytes));
        this.pushSamples(new Float32Array(this.scratch.buffer, 0, sampleCount));
      }
    }
    for (let i = offset + sampleBytes; i < chunk.length; i++)
      this.carry[this.carryLength++] = chunk[i];
  }

  /** The channels, trimmed to the frames written (only complete frames count). */
  finish(): Float32Array[] {
    const frames = this.frames;
    // Give back memory when the probe overestimated by a lot (e.g. a header that lied).
    if (frames < this.capacity / 2) {
      return this.channels.map((channel) => {
        const trimmed = sharedFloats(frames);
        trimmed.set(channel.subarray(0, frames));
        return trimmed;
      });
    }
    return this.channels.map((channel) => channel.subarray(0, frames));
  }

  private pushSamples(samples: Float32Array): void {
    const count = samples.length;
    const channelCount = this.channelCount;
    let i = 0;
    // Finish a frame begun in the previous chunk.
    while (this.nextChannel !== 0 && i < count) this.pushOne(samples[i++]);

    const wholeFrames = Math.floor((count - i) / channelCount);
    if (wholeFrames > 0) {
      this.ensureCapacity(this.frames + wholeFrames);
      if (!copyFrames(samples, i, wholeFrames, this.channels, this.frames)) {
        this.invalidSampleCount += zeroNonFinite(this.channels, this.frames, wholeFrames);
      }
      this.frames += wholeFrames;
      i += wholeFrames * channelCount;
    }

    while (i < count) this.pushOne(samples[i++]);
  }

  /** One sample of a frame split across chunks; a frame counts once its last channel arrives. */
  private pushOne(v: number): void {
    this.ensureCapacity(this.frames + 1);
    if (v - v === 0) {
      this.channels[this.nextChannel][this.frames] = v;
    } else {
      this.channels[this.nextChannel][this.frames] = 0;
      this.invalidSampleCount++;
    }
    if (++this.nextChannel === this.channelCount) {
      this.nextChannel = 0;
      this.frames++;
    }
  }

  private ensureCapacity(frames: number): void {
    if (frames <= this.capacity) return;
    if (frames > this.maxFrames) throw this.tooLong();
    const capacity = Math.min(this.maxFrames, Math.max(frames, Math.ceil(this.capacity * 1.5)));
    // Include a frame in progress: its first channels are already written.
    const keep = Math.min(this.frames + 1, this.capacity);
    this.channels = this.channels.map((channel) => {
      const grown = sharedFloats(capacity);
      grown.set(channel.subarray(0, keep));
      return grown;
    });
    this.capacity = capacity;
  }
}

/**
 * Deinterleaves whole frames without a branch per sample; returns false when any sample was NaN
 * or ±Infinity (v - v is 0 for every finite float and NaN otherwise, so the sum says which).
 */
function copyFrames(
  samples: Float32Array,
  start: number,
  frames: number,
  channels: Float32Array[],
  at: number,
): boolean {
  const channelCount = channels.length;
  let check = 0;
  if (channelCount === 2) {
    const left = channels[0];
    const right = channels[1];
    for (let f = 0, j = start; f < frames; f++, j += 2) {
      const l = samples[j];
      const r = samples[j + 1];
      left[at + f] = l;
      right[at + f] = r;
      check += l - l + (r - r);
    }
    return check === 0;
  }
  for (let c = 0; c < channelCount; c++) {
    const out = channels[c];
    for (let f = 0, j = start + c; f < frames; f++, j += channelCount) {
      const v = samples[j];
      out[at + f] = v;
      check += v - v;
    }
  }
  return check === 0;
}

/** The rare path: replaces non-finite samples in a range by 0 and counts them. */
function zeroNonFinite(channels: Float32Array[], at: number, frames: number): number {
  let count = 0;
  for (const channel of channels) {
    for (let i = at; i < at + frames; i++) {
      const v = channel[i];
      if (v - v !== 0) {
        channel[i] = 0;
        count++;
      }
    }
  }
  return count;
}

function sharedFloats(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT));
}

import type { AudioData } from '@mixscope/dsp';

/** AudioData as it crosses a thread boundary: shared buffers are passed, never copied. */
export interface AudioTransfer {
  sampleRate: number;
  channelLabels: string[];
  channels: { buffer: ArrayBufferLike; byteOffset: number; length: number }[];
}

export function audioToTransfer(audio: AudioData): AudioTransfer {
  return {
    sampleRate: audio.sampleRate,
    channelLabels: audio.channelLabels,
    channels: audio.channels.map((c) => ({
      buffer: c.buffer,
      byteOffset: c.byteOffset,
      length: c.length,
    })),
  };
}

export function audioFromTransfer(transfer: AudioTransfer): AudioData {
  return {
    sampleRate: transfer.sampleRate,
    channelLabels: transfer.channelLabels,
    channels: transfer.channels.map((c) => new Float32Array(c.buffer, c.byteOffset, c.length)),
  };
}

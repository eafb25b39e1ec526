/** Below this magnitude (-60 dBFS) a sample counts as silence. */
export const SILENCE_LEVEL = 0.001;

export interface SilenceEdges {
  /** Frames before the first sample, on any channel, at or above SILENCE_LEVEL. */
  leadingFrames: number;
  /** Frames after the last such sample. */
  trailingFrames: number;
  /** No sample reaches SILENCE_LEVEL. */
  silent: boolean;
}

/** Leading and trailing silence; reads only the silent edges, not the whole file. */
export function silenceEdges(channels: Float32Array[]): SilenceEdges {
  const length = channels[0]?.length ?? 0;
  let first = length;
  let last = -1;
  for (const channel of channels) {
    for (let i = 0; i < first; i++) {
      if (channel[i] >= SILENCE_LEVEL || channel[i] <= -SILENCE_LEVEL) {
        first = i;
        break;
      }
    }
    for (let i = length - 1; i > last; i--) {
      if (channel[i] >= SILENCE_LEVEL || channel[i] <= -SILENCE_LEVEL) {
        last = i;
        break;
      }
    }
  }
  if (last < 0) return { leadingFrames: length, trailingFrames: length, silent: true };
  return { leadingFrames: first, trailingFrames: length - 1 - last, silent: false };
}

/**
 * BS.1770 channel weights by ffmpeg channel label: front channels 1.0, surrounds 1.41 (+1.5 dB),
 * LFE left out. Labels ffmpeg would not give a surround get 1.0.
 */
const SURROUND_LABELS = new Set(['BL', 'BR', 'SL', 'SR']);
const LFE_LABELS = new Set(['LFE', 'LFE1', 'LFE2', 'LOW_FREQUENCY']);

export const SURROUND_WEIGHT = 1.41;

/** ffmpeg 5.1's default layout for a channel count, used where the labels are missing. */
const DEFAULT_LABELS: Record<number, string[]> = {
  1: ['FC'],
  2: ['FL', 'FR'],
  3: ['FL', 'FR', 'LFE'],
  4: ['FL', 'FR', 'FC', 'BC'],
  5: ['FL', 'FR', 'FC', 'BL', 'BR'],
  6: ['FL', 'FR', 'FC', 'LFE', 'BL', 'BR'],
  7: ['FL', 'FR', 'FC', 'LFE', 'BC', 'SL', 'SR'],
  8: ['FL', 'FR', 'FC', 'LFE', 'BL', 'BR', 'SL', 'SR'],
};

export function channelWeight(label: string): number {
  const upper = label.trim().toUpperCase();
  if (LFE_LABELS.has(upper)) return 0;
  if (SURROUND_LABELS.has(upper)) return SURROUND_WEIGHT;
  return 1;
}

/** One weight per channel, from the given labels where there is one for every channel. */
export function channelWeights(channelCount: number, labels: readonly string[]): number[] {
  const names = labels.length === channelCount ? labels : (DEFAULT_LABELS[channelCount] ?? []);
  return Array.from({ length: channelCount }, (_, i) =>
    names[i] === undefined ? 1 : channelWeight(names[i]),
  );
}

/**
 * ffmpeg's named channel layouts and the channels they hold, in ffmpeg's channel order
 * (libavutil/channel_layout.c). The decoder outputs channels in exactly this order.
 */
const NAMED_LAYOUTS: Record<string, string[]> = {
  mono: ['FC'],
  stereo: ['FL', 'FR'],
  '2.1': ['FL', 'FR', 'LFE'],
  '3.0': ['FL', 'FR', 'FC'],
  '3.0(back)': ['FL', 'FR', 'BC'],
  '4.0': ['FL', 'FR', 'FC', 'BC'],
  quad: ['FL', 'FR', 'BL', 'BR'],
  'quad(side)': ['FL', 'FR', 'SL', 'SR'],
  '3.1': ['FL', 'FR', 'FC', 'LFE'],
  '5.0': ['FL', 'FR', 'FC', 'BL', 'BR'],
  '5.0(side)': ['FL', 'FR', 'FC', 'SL', 'SR'],
  '4.1': ['FL', 'FR', 'FC', 'LFE', 'BC'],
  '5.1': ['FL', 'FR', 'FC', 'LFE', 'BL', 'BR'],
  '5.1(side)': ['FL', 'FR', 'FC', 'LFE', 'SL', 'SR'],
  '6.0': ['FL', 'FR', 'FC', 'BC', 'SL', 'SR'],
  '6.0(front)': ['FL', 'FR', 'FLC', 'FRC', 'SL', 'SR'],
  hexagonal: ['FL', 'FR', 'FC', 'BL', 'BR', 'BC'],
  '6.1': ['FL', 'FR', 'FC', 'LFE', 'BC', 'SL', 'SR'],
  '6.1(back)': ['FL', 'FR', 'FC', 'LFE', 'BL', 'BR', 'BC'],
  '6.1(front)': ['FL', 'FR', 'LFE', 'FLC', 'FRC', 'SL', 'SR'],
  '7.0': ['FL', 'FR', 'FC', 'BL', 'BR', 'SL', 'SR'],
  '7.0(front)': ['FL', 'FR', 'FC', 'FLC', 'FRC', 'SL', 'SR'],
  '7.1': ['FL', 'FR', 'FC', 'LFE', 'BL', 'BR', 'SL', 'SR'],
  '7.1(wide)': ['FL', 'FR', 'FC', 'LFE', 'BL', 'BR', 'FLC', 'FRC'],
  '7.1(wide-side)': ['FL', 'FR', 'FC', 'LFE', 'FLC', 'FRC', 'SL', 'SR'],
  octagonal: ['FL', 'FR', 'FC', 'BL', 'BR', 'BC', 'SL', 'SR'],
  downmix: ['DL', 'DR'],
};

/** What ffmpeg assumes when a file does not state its layout (checked against ffmpeg 5.1). */
const DEFAULT_LAYOUT_BY_COUNT: Record<number, string> = {
  1: 'mono',
  2: 'stereo',
  3: '2.1',
  4: '4.0',
  5: '5.0',
  6: '5.1',
  7: '6.1',
  8: '7.1',
};

/** The layout to report for a stream: the stated one, or, for mono and stereo, the only sensible one. */
export function reportedLayout(stated: string | undefined, channelCount: number): string | null {
  if (stated && stated !== 'unknown') return stated;
  if (channelCount === 1) return 'mono';
  if (channelCount === 2) return 'stereo';
  return null;
}

/**
 * Channel labels in decoder order for an ffprobe `channel_layout` string: a named layout
 * ("5.1(side)"), an explicit list ("FL+FR+LFE"), or ffmpeg's "4 channels (FL+FR+FC+LFE)".
 * Falls back to ffmpeg's default layout for the count, then to generic labels "C1", "C2", ….
 */
export function channelLabelsFor(
  layout: string | null | undefined,
  channelCount: number,
): string[] {
  const labels = layout ? parseLayout(layout) : null;
  if (labels && labels.length === channelCount) return labels;
  const fallback = NAMED_LAYOUTS[DEFAULT_LAYOUT_BY_COUNT[channelCount] ?? ''];
  if (fallback) return [...fallback];
  return Array.from({ length: channelCount }, (_, i) => `C${i + 1}`);
}

function parseLayout(layout: string): string[] | null {
  const named = NAMED_LAYOUTS[layout.trim()];
  if (named) return [...named];
  const list = /\(([^)]*)\)\s*$/.exec(layout)?.[1] ?? layout;
  const parts = list.split('+').map((part) => part.trim());
  return parts.every((part) => /^[A-Z][A-Z0-9]*$/.test(part)) ? parts : null;
}

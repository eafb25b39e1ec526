import { describe, expect, it } from 'vitest';
import { channelLabelsFor, reportedLayout } from './channel-layout.ts';

describe('channelLabelsFor', () => {
  it.each([
    ['mono', 1, ['FC']],
    ['stereo', 2, ['FL', 'FR']],
    ['5.1', 6, ['FL', 'FR', 'FC', 'LFE', 'BL', 'BR']],
    ['5.1(side)', 6, ['FL', 'FR', 'FC', 'LFE', 'SL', 'SR']],
    ['7.1', 8, ['FL', 'FR', 'FC', 'LFE', 'BL', 'BR', 'SL', 'SR']],
    ['FL+FR+LFE', 3, ['FL', 'FR', 'LFE']],
    ['4 channels (FL+FR+FC+LFE)', 4, ['FL', 'FR', 'FC', 'LFE']],
  ])('%s → labels', (layout, count, labels) => {
    expect(channelLabelsFor(layout, count)).toEqual(labels);
  });

  it('falls back to what ffmpeg assumes for the count when the layout is unknown or inconsistent', () => {
    expect(channelLabelsFor(null, 1)).toEqual(['FC']);
    expect(channelLabelsFor('unknown', 2)).toEqual(['FL', 'FR']);
    expect(channelLabelsFor(undefined, 6)).toEqual(['FL', 'FR', 'FC', 'LFE', 'BL', 'BR']);
    expect(channelLabelsFor('stereo', 3)).toEqual(['FL', 'FR', 'LFE']);
    expect(channelLabelsFor(null, 12)).toHaveLength(12);
  });

  it('reports mono and stereo when a file leaves them unstated, and nothing else', () => {
    expect(reportedLayout(undefined, 1)).toBe('mono');
    expect(reportedLayout('unknown', 2)).toBe('stereo');
    expect(reportedLayout('unknown', 6)).toBeNull();
    expect(reportedLayout('5.1(side)', 6)).toBe('5.1(side)');
  });
});

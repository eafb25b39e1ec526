import { describe, expect, it } from 'vitest';
import { analysisTrackRoles, overallProgress, trackFurthestBehind } from './overall-progress.ts';

const both = analysisTrackRoles(true);

describe('overallProgress', () => {
  it('is nothing yet while no track has reported', () => {
    expect(overallProgress({}, both)).toEqual({ stage: null, percent: 0 });
  });

  it('takes a single track as it is', () => {
    expect(overallProgress({ mix: { stage: 'spectrum', percent: 55 } }, ['mix'])).toEqual({
      stage: 'spectrum',
      percent: 55,
    });
  });

  it('means the percent over every track, a silent one counting as 0', () => {
    expect(overallProgress({ mix: { stage: 'tempo', percent: 80 } }, both)).toEqual({
      stage: 'tempo',
      percent: 40,
    });
  });

  it('reports the stage of the track furthest behind, whichever spoke last', () => {
    const tracks = {
      reference: { stage: 'loudness', percent: 40 },
      mix: { stage: 'key', percent: 90 },
    } as const;
    expect(overallProgress(tracks, both)).toEqual({ stage: 'loudness', percent: 65 });
    expect(overallProgress({ mix: tracks.mix, reference: tracks.reference }, both).stage).toBe(
      'loudness',
    );
    expect(trackFurthestBehind(tracks, both)).toBe('reference');
  });

  it('breaks a tie in percent by the earlier stage', () => {
    const tracks = {
      mix: { stage: 'loudness', percent: 40 },
      reference: { stage: 'decoding', percent: 40 },
    } as const;
    expect(overallProgress(tracks, both).stage).toBe('decoding');
    expect(trackFurthestBehind(tracks, both)).toBe('reference');
    expect(trackFurthestBehind({}, both)).toBeNull();
  });

  it('rounds to one decimal and ignores tracks the analysis does not have', () => {
    expect(
      overallProgress(
        { mix: { stage: 'stereo', percent: 70.26 }, reference: { stage: 'key', percent: 90 } },
        ['mix'],
      ),
    ).toEqual({ stage: 'stereo', percent: 70.3 });
  });

  it('keeps a wild percent within 0-100', () => {
    expect(overallProgress({ mix: { stage: 'saving', percent: 140 } }, ['mix']).percent).toBe(100);
  });
});

describe('analysisTrackRoles', () => {
  it('is the mix, plus the reference when there is one', () => {
    expect(analysisTrackRoles(false)).toEqual(['mix']);
    expect(analysisTrackRoles(true)).toEqual(['mix', 'reference']);
  });
});

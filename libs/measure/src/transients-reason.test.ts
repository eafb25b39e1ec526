import { describe, expect, it } from 'vitest';
import { compareResults } from '@mixscope/dsp';
import { buildAnalysisResult, buildReferenceTrack } from '@mixscope/contracts/testing';
import { transientsSkipped } from './measure-tasks.ts';

describe('the reason a track has no transient figures', () => {
  it('speaks of the track it was measured on, so it reads right for the reference', () => {
    const reference = buildReferenceTrack({
      loudness: { dynamicRangeDb: 11.7 },
      transients: null,
      reasons: { transients: transientsSkipped(11.7) },
    });
    const { reasons } = compareResults(buildAnalysisResult(), reference);
    const onset = reasons.onsetDensityPerSec;
    expect(onset).toBe(
      'reference: computed only for heavily compressed material (DR below 8 dB); this track has DR 11.7 dB',
    );
    expect(onset).not.toMatch(/this mix/);
  });
});

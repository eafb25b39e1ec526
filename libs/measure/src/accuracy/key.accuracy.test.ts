import { expect, it } from 'vitest';
import {
  PITCH_CLASSES,
  estimateKey,
  extractRhythmFeatures,
  mirexKeyScore,
  parseKeyLabel,
} from '@mixscope/dsp';
import { describeWith } from '@mixscope/test-requirements';
import { loadTempoSetAudio, tempoSetRequirement, tempoSetTracks } from './tempo-set.fixture.ts';

const key = (label: string) => {
  const parsed = parseKeyLabel(label, PITCH_CLASSES);
  if (!parsed) throw new Error(`bad key label ${label}`);
  return parsed;
};

describeWith(tempoSetRequirement(), 'estimateKey on the rendered tempo/key set', () => {
  it('scores at least 0.85 (MIREX weighting)', () => {
    const rows = tempoSetTracks().map((track) => {
      const result = estimateKey(extractRhythmFeatures(loadTempoSetAudio(track)));
      const score = result.label ? mirexKeyScore(key(result.label), key(track.key)) : 0;
      return { file: track.file, truth: track.key, estimate: result.label, score };
    });
    const mean = rows.reduce((sum, r) => sum + r.score, 0) / rows.length;
    console.log(`key MIREX score ${mean.toFixed(3)} over ${rows.length} tracks`);
    for (const r of rows.filter((x) => x.score < 1))
      console.log(`  ${r.file}: ${r.estimate} (truth ${r.truth})`);
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(mean).toBeGreaterThanOrEqual(0.85);
  });
});

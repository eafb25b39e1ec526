import { beforeAll, expect, it } from 'vitest';
import { extractRhythmFeatures } from '@mixscope/dsp';
import { estimateTempo } from '@mixscope/dsp';
import { describeWith } from '@mixscope/test-requirements';
import {
  loadTempoSetAudio,
  tempoSetRequirement,
  tempoSetTracks,
  type TempoSetTrack,
} from './tempo-set.fixture.ts';

/** Within ±4 % of the true tempo (MIREX "Accuracy1"). */
function accuracy1(bpm: number, truth: number): boolean {
  return Math.abs(bpm / truth - 1) <= 0.04;
}

/** Also accepting the metrical relatives ×2, ×3, ×½, ×⅓ ("Accuracy2"). */
function accuracy2(bpm: number, truth: number): boolean {
  return [1, 2, 3, 1 / 2, 1 / 3].some((ratio) => accuracy1(bpm, truth * ratio));
}

/** Beat-tracking F-measure with the usual ±70 ms tolerance, each reference beat matched at most once. */
function beatFMeasure(estimated: number[], reference: number[]): number {
  const used = new Set<number>();
  let hits = 0;
  for (const r of reference) {
    let best = -1;
    for (let i = 0; i < estimated.length; i++) {
      if (
        !used.has(i) &&
        Math.abs(estimated[i] - r) <= 0.07 &&
        (best < 0 || Math.abs(estimated[i] - r) < Math.abs(estimated[best] - r))
      )
        best = i;
    }
    if (best >= 0) {
      used.add(best);
      hits++;
    }
  }
  if (hits === 0) return 0;
  const precision = hits / estimated.length;
  const recall = hits / reference.length;
  return (2 * precision * recall) / (precision + recall);
}

interface Row {
  track: TempoSetTrack;
  bpm: number | null;
  confidence: number | null;
  stability: number | null;
  beatF: number;
}

describeWith(tempoSetRequirement(), 'tempo on the rendered tempo/key set', () => {
  let steady: Row[] = [];
  let drifting: Row[] = [];
  beforeAll(() => {
    const rows = tempoSetTracks().map((track): Row => {
      const features = extractRhythmFeatures(loadTempoSetAudio(track));
      const tempo = estimateTempo(features);
      const reference = track.beats.filter((t) => t <= features.durationSec);
      return {
        track,
        bpm: tempo.bpm,
        confidence: tempo.confidence,
        stability: tempo.stability,
        beatF: beatFMeasure(tempo.beats, reference),
      };
    });
    steady = rows.filter((r) => !r.track.drifting);
    drifting = rows.filter((r) => r.track.drifting);
  });

  it('covers at least 12 steady tracks from 60 to 180 BPM and a drifting one', () => {
    expect(steady.length).toBeGreaterThanOrEqual(12);
    expect(Math.min(...steady.map((r) => r.track.bpm))).toBeLessThanOrEqual(66);
    expect(Math.max(...steady.map((r) => r.track.bpm))).toBeGreaterThanOrEqual(174);
    expect(drifting.length).toBeGreaterThanOrEqual(1);
  });

  it('reaches Accuracy1 >= 90 % and Accuracy2 = 100 %', () => {
    const a1 =
      steady.filter((r) => r.bpm !== null && accuracy1(r.bpm, r.track.bpm)).length / steady.length;
    const a2 =
      steady.filter((r) => r.bpm !== null && accuracy2(r.bpm, r.track.bpm)).length / steady.length;
    console.log(
      `tempo Accuracy1 ${(100 * a1).toFixed(1)} %, Accuracy2 ${(100 * a2).toFixed(1)} % over ${steady.length} tracks`,
    );
    for (const r of steady) {
      const verdict = r.bpm !== null && accuracy1(r.bpm, r.track.bpm) ? 'ok' : 'MISS';
      console.log(
        `  ${r.track.file.padEnd(30)} truth ${r.track.bpm} got ${r.bpm} conf ${r.confidence} beatF ${r.beatF.toFixed(2)} ${verdict}`,
      );
    }
    expect(a1).toBeGreaterThanOrEqual(0.9);
    expect(a2).toBe(1);
  });

  it('places beats on the true beats where the tempo is right (mean F-measure >= 0.9)', () => {
    const right = steady.filter((r) => r.bpm !== null && accuracy1(r.bpm, r.track.bpm));
    const meanF = right.reduce((sum, r) => sum + r.beatF, 0) / right.length;
    expect(meanF).toBeGreaterThanOrEqual(0.9);
  });

  it('reads the drifting track as less stable than every steady one', () => {
    const leastSteady = Math.min(...steady.map((r) => r.stability ?? 0));
    for (const r of drifting) {
      console.log(
        `  ${r.track.file}: stability ${r.stability} (steady tracks >= ${leastSteady}), ${r.bpm} BPM for ${r.track.bpm}-${r.track.endBpm}`,
      );
      expect(r.stability).not.toBeNull();
      expect(r.stability ?? 1).toBeLessThan(leastSteady);
      expect(r.bpm ?? 0).toBeGreaterThan(r.track.bpm);
      expect(r.bpm ?? 0).toBeLessThan(r.track.endBpm ?? Infinity);
    }
  });
});

/** Results that span what the rules judge, for tests that must hold over every kind of mix. */
import type { AnalysisResult } from '@mixscope/contracts';
import {
  bandsFromLevels,
  buildAnalysisResult,
  buildMonoFile,
  buildReferenceFor,
  buildReferenceTrack,
  buildSilentFile,
  stereoBands,
  withReference,
} from '@mixscope/contracts/testing';
import { compareResults } from '@mixscope/dsp';
import { seededRandom, withPlatformRows } from '@mixscope/dsp/testing';

const between = (random: () => number, low: number, high: number) =>
  Number((low + random() * (high - low)).toFixed(1));

/** A stereo mix with random band levels, width, low-end correlation and mono fold-down. */
export function randomMix(seed: number): AnalysisResult {
  const random = seededRandom(seed);
  const levels = [-30, -16, -18, -17, -22, -28].map((level) => level + between(random, -9, 9));
  const lowCorrelation = between(random, -0.3, 1);
  return buildAnalysisResult(
    {
      file: { name: `random-${seed}.wav` },
      loudness: {
        integratedLufs: between(random, -20, -6),
        truePeakDbtp: between(random, -3, 1.5),
        loudnessRangeLu: between(random, 2, 14),
        dynamicRangeDb: between(random, 4, 14),
      },
      spectrum: { bands: bandsFromLevels(levels) },
      stereo: {
        widthScore: between(random, 0, 100),
        balanceDb: between(random, -2, 2),
        bands: stereoBands([lowCorrelation, between(random, 0.2, 1), 0.8, 0.7, 0.5, 0.4]),
        monoCompatibility: { foldDownLossDb: between(random, -6, 0) },
      },
    },
    withPlatformRows,
  );
}

/** The mix compared with a random reference: band deltas up to ±7 dB and another width. */
export function withRandomReference(mix: AnalysisResult, seed: number): AnalysisResult {
  const random = seededRandom(seed * 7919 + 1);
  const deltas = Array.from({ length: 6 }, () => between(random, -7, 7));
  const reference = buildReferenceFor(
    mix,
    deltas,
    {
      file: { name: `reference-${seed}.wav` },
      loudness: { dynamicRangeDb: between(random, 4, 14) },
      stereo: { widthScore: between(random, 0, 100) },
    },
    withPlatformRows,
  );
  return withReference(mix, reference, compareResults);
}

/** The named fixtures of the contract and the analyser, plus `count` random mixes. */
export function variedResults(count: number): { name: string; result: AnalysisResult }[] {
  return [
    { name: 'default master', result: buildAnalysisResult({}, withPlatformRows) },
    { name: 'reference track', result: buildReferenceTrack({}, withPlatformRows) },
    { name: 'mono file', result: buildMonoFile({}, withPlatformRows) },
    { name: 'silent file', result: buildSilentFile({}, withPlatformRows) },
    ...Array.from({ length: count }, (_, seed) => ({
      name: `random mix ${seed}`,
      result: randomMix(seed),
    })),
  ];
}

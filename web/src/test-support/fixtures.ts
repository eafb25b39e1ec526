/**
 * The web app's own test documents: the API's analysis envelope and a team target profile. Result
 * and feedback documents come from the contract's builders (@mixscope/contracts/testing).
 */
import { BAND_NAMES, targetProfileSchema } from '@mixscope/contracts';
import type { AnalysisResult, Feedback } from '@mixscope/contracts';
import { buildSampleFeedback } from '@mixscope/contracts/testing';
import { measuredMix } from '@mixscope/dsp/testing';
import type { Analysis, TargetProfile } from '../api/api-types.ts';

export function completedAnalysis(
  result: AnalysisResult = measuredMix(),
  report: Feedback | null = buildSampleFeedback(),
): Analysis {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    projectId: '22222222-2222-4222-8222-222222222222',
    createdById: '33333333-3333-4333-8333-333333333333',
    revision: 3,
    title: 'Final mix v3',
    genre: 'pop',
    targets: ['spotify'],
    status: 'completed',
    stage: 'saving',
    percent: 100,
    result,
    report,
    createdAt: '2025-03-01T12:00:00.000Z',
    timings: { queuedMs: 10, runMs: 900, totalMs: 910, stagesMs: {} },
  };
}

const SOURCE = 'Measured from 2 references';
const measured = (mean: number, sd: number, half: number) => ({
  min: mean - half,
  max: mean + half,
  mean,
  sd,
  count: 2,
});
const sourced = (mean: number, sd: number, half: number) => ({
  ...measured(mean, sd, half),
  source: SOURCE,
});

/** A team's target profile from two references at -10 and -8 LUFS: mean -9, sample sd 1.41. */
export const TARGET_PROFILE: TargetProfile = {
  id: 'prof-1',
  teamId: 'tttttttt-0000-4000-8000-000000000001',
  name: 'Club refs',
  createdBy: { id: 'u-owner', name: 'Olga' },
  createdAt: '2026-01-02T10:00:00.000Z',
  sourceAnalysisIds: ['a1', 'a2'],
  profile: targetProfileSchema.parse({
    id: 'prof-1',
    name: 'Club refs',
    aliases: [],
    description: 'Target built from 2 reference analyses: a.wav, b.wav.',
    integratedLufs: sourced(-9, 1.41, 2.83),
    plrDb: sourced(9, 0, 1),
    dynamicRangeDb: sourced(8, 0, 1),
    loudnessRangeLu: sourced(5, 0.5, 1),
    bandsDb: {
      source: SOURCE,
      bands: Object.fromEntries(BAND_NAMES.map((name) => [name, measured(-8, 0.2, 1.5)])),
    },
    widthScore: sourced(60, 2, 5),
    lowEndCorrelationMin: { sub: 0.85, bass: 0.8, source: SOURCE },
    tempoBpm: null,
    basis: { referenceCount: 2, references: ['a.wav', 'b.wav'] },
  }),
};

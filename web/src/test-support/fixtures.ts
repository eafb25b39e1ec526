/**
 * The web app's own test document: the API's analysis envelope. Result and feedback documents
 * come from the contract's builders (@mixscope/contracts/testing).
 */
import type { AnalysisResult, Feedback } from '@mixscope/contracts';
import { buildSampleFeedback } from '@mixscope/contracts/testing';
import { measuredMix } from '@mixscope/dsp/testing';
import type { Analysis } from '../api/api-types.ts';

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

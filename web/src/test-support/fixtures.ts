/**
 * The web app's own test documents: a feedback report and the API's analysis envelope. Result
 * documents come from the contract's builder (@mixscope/contracts/testing).
 */
import type { AnalysisResult, Feedback } from '@mixscope/contracts';
import { buildAnalysisResult } from '@mixscope/contracts/testing';
import { platformTable } from '@mixscope/dsp';
import type { Analysis } from '../api/api-types.ts';

export function sampleFeedback(): Feedback {
  return {
    source: 'rules',
    findings: [
      {
        id: 'true-peak.over',
        area: 'true-peak',
        severity: 'error',
        title: 'True peak over the ceiling',
        metric: 'loudness.truePeakDbtp',
        measured: 0.4,
        unit: 'dBTP',
        target: {
          label: '≤ -1.0 dBTP',
          min: null,
          max: -1,
          unit: 'dBTP',
          source: 'Spotify loudness guidance',
        },
        action: 'Lower the limiter ceiling to -1.0 dBTP.',
        message: 'True peak +0.4 dBTP: lower the limiter ceiling to -1.0 dBTP.',
      },
      {
        id: 'stereo.width',
        area: 'stereo',
        severity: 'ok',
        title: 'Stereo width in range',
        metric: 'stereo.widthScore',
        measured: 42,
        unit: '',
        target: null,
        action: 'Keep the width as it is.',
        message: 'Width 42 is within the genre range.',
      },
    ],
    report: {
      summary: 'A loud, bright pop master whose peaks go over the ceiling.',
      loudnessDynamics: 'Integrated -8.9 LUFS with a PLR of 9.3 dB.',
      spectralBalance: 'Balanced low end; the air band is slightly hot.',
      stereoImage: 'Wide highs, mono-compatible lows.',
      strengths: ['Solid, mono-compatible low end'],
      weaknesses: ['True peak over -1 dBTP'],
      suggestions: [
        {
          priority: 'low',
          area: 'spectrum',
          action: 'Tame the air band',
          detail: 'Shelf -1 dB above 8 kHz.',
        },
        {
          priority: 'high',
          area: 'true-peak',
          action: 'Lower the ceiling',
          detail: 'Set the limiter ceiling to -1.0 dBTP.',
        },
      ],
      processing: [
        {
          type: 'limiting',
          target: 'master limiter',
          settings: [
            { parameter: 'ceiling', value: -1, unit: 'dBTP' },
            { parameter: 'release', value: 50, unit: 'ms' },
          ],
        },
        {
          type: 'eq',
          target: 'mix bus',
          settings: [
            { parameter: 'frequency', value: 8000, unit: 'Hz' },
            { parameter: 'gain', value: -1.5, unit: 'dB' },
            { parameter: 'Q', value: 0.7, unit: '' },
          ],
        },
      ],
      referenceComparison: null,
    },
    profile: { id: 'pop', name: 'Pop', chosenBy: 'user', reason: 'chosen at upload' },
  };
}

export function completedAnalysis(
  result: AnalysisResult = buildAnalysisResult({}, { platformRows: platformTable }),
  report: Feedback | null = sampleFeedback(),
): Analysis {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    projectId: '22222222-2222-4222-8222-222222222222',
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

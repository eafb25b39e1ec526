/**
 * One sample of written feedback for tests: the rules engine's report on the default master of
 * buildAnalysisResult, with a suggestion of every priority and three processing steps. Parsed
 * through the contract, so the sample can never drift from it.
 */
import {
  feedbackSchema,
  reportSchema,
  type Feedback,
  type Report,
} from '../feedback/feedback-report.ts';

/** The written report; `overrides` replace whole sections. */
export function buildSampleReport(overrides: Partial<Report> = {}): Report {
  return reportSchema.parse({
    summary: 'A loud pop master whose peaks go over the ceiling.',
    loudnessDynamics: 'Integrated -8.7 LUFS with a PLR of 9.1 dB.',
    spectralBalance: 'Balanced low end; the air band is a little hot.',
    stereoImage: 'Wide highs over a mono-compatible low end.',
    strengths: ['Solid, mono-compatible low end'],
    weaknesses: ['True peak over -1 dBTP'],
    suggestions: [
      {
        priority: 'low',
        area: 'spectrum',
        action: 'Tame the air band',
        detail: 'Shelf -1.5 dB above 8 kHz.',
      },
      {
        priority: 'high',
        area: 'true-peak',
        action: 'Lower the ceiling',
        detail: 'Set the limiter ceiling to -1.0 dBTP.',
      },
      { priority: 'medium', area: 'dynamics', action: 'Ease the limiter', detail: '' },
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
      {
        type: 'compression',
        target: 'drum bus',
        settings: [{ parameter: 'ratio', value: 4, unit: ':1' }],
      },
    ],
    referenceComparison: 'Half a dB hotter than the reference.',
    ...overrides,
  });
}

/** The feedback around it: a failed and a passed finding, the Pop profile chosen at upload. */
export function buildSampleFeedback(overrides: Partial<Feedback> = {}): Feedback {
  return feedbackSchema.parse({
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
    report: buildSampleReport(),
    profile: { id: 'pop', name: 'Pop', chosenBy: 'user', reason: 'chosen at upload' },
    ...overrides,
  });
}

import { describe, expect, it } from 'vitest';
import { buildAnalysisResult } from '../testing/analysis-results.fixture.ts';
import { analysisResultSchema } from './analysis-result.ts';
import { codecPreviewSchema } from './codec-preview.ts';

const measured = {
  codec: 'aac',
  bitrateKbps: 256,
  available: true,
  truePeakDbtp: 0.4,
  overs: { clippedSamples: 3, truePeakOvers: 2, thresholdDbtp: -1 },
  integratedLufsDelta: -0.05,
  reasons: {},
} as const;

describe('result.codecs', () => {
  it('takes measured rows and a missing codec with its reason', () => {
    const missing = {
      ...measured,
      codec: 'opus',
      available: false,
      truePeakDbtp: null,
      overs: null,
      integratedLufsDelta: null,
      reasons: { codec: 'this ffmpeg has no libopus encoder for Opus' },
    };
    const doc = { ...buildAnalysisResult(), codecs: [measured, missing] };
    expect(analysisResultSchema.safeParse(doc).success).toBe(true);
  });

  it('refuses a null figure with no reason', () => {
    const row = { ...measured, truePeakDbtp: null };
    const issues = codecPreviewSchema.safeParse(row).error?.issues ?? [];
    expect(issues.map((issue) => issue.path.join('.'))).toEqual(['truePeakDbtp']);
  });

  it('needs the reason for a skipped preview on the document', () => {
    const skipped = { ...buildAnalysisResult(), codecs: null };
    expect(analysisResultSchema.safeParse(skipped).success).toBe(false);
    const explained = {
      ...skipped,
      reasons: { ...skipped.reasons, codecs: 'skipped (--no-codecs)' },
    };
    expect(analysisResultSchema.safeParse(explained).success).toBe(true);
  });

  it('stays optional: documents from before the preview still parse', () => {
    expect(analysisResultSchema.safeParse(buildAnalysisResult()).success).toBe(true);
  });
});

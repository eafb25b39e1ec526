import { describe, expect, it } from 'vitest';
import { buildAnalysisResult } from '../testing/analysis-results.fixture.ts';
import { analysisResultSchema } from './analysis-result.ts';
import { codecPreviewSchema, missingCodecRow } from './codec-preview.ts';
import { parseAnalysisResult } from './parse-analysis-result.ts';

const measured = {
  codec: 'aac',
  bitrateKbps: 256,
  available: true,
  measuredSec: 10,
  truePeakDbtp: 0.4,
  overs: { clippedSamples: 3, truePeakOvers: 2, thresholdDbtp: -1 },
  integratedLufsDelta: -0.05,
  reasons: {},
} as const;

describe('result.codecs', () => {
  it('takes measured rows and a missing codec with its reason', () => {
    const missing = missingCodecRow('opus', 160, 'this ffmpeg has no libopus encoder for Opus');
    const doc = { ...buildAnalysisResult(), codecs: [measured, missing] };
    expect(analysisResultSchema.safeParse(doc).success).toBe(true);
    expect(() => parseAnalysisResult(doc)).not.toThrow();
  });

  it('refuses a missing codec whose figures rely on the row-level reason alone', () => {
    const row = {
      ...missingCodecRow('opus', 160, 'no libopus'),
      reasons: { codec: 'no libopus' },
    };
    const issues = codecPreviewSchema.safeParse(row).error?.issues ?? [];
    expect(issues.map((issue) => issue.path.join('.'))).toEqual([
      'measuredSec',
      'truePeakDbtp',
      'overs',
      'integratedLufsDelta',
    ]);
    const doc = { ...buildAnalysisResult(), codecs: [measured, row] };
    expect(() => parseAnalysisResult(doc)).toThrow(/codecs\[1\]\.overs/);
  });

  it('refuses a missing codec with no reason for it', () => {
    const row = { ...missingCodecRow('opus', 160, 'no libopus'), reasons: {} };
    const issues = codecPreviewSchema.safeParse(row).error?.issues ?? [];
    expect(issues.map((issue) => issue.path.join('.'))).toContain('reasons.codec');
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

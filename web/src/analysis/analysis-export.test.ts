import { describe, expect, it } from 'vitest';
import { completedAnalysis, mixWithReference } from '../test-support/fixtures.ts';
import { analysisJson, analysisMarkdown, exportFileName } from './analysis-export.ts';

describe('analysis exports', () => {
  it('JSON holds the result and report unchanged', () => {
    const analysis = completedAnalysis(mixWithReference());
    const parsed = JSON.parse(analysisJson(analysis));
    expect(parsed.result).toEqual(analysis.result);
    expect(parsed.report).toEqual(analysis.report);
    expect(parsed.id).toBe(analysis.id);
  });

  it('Markdown has the figures, the platforms, the comparison and the report', () => {
    const analysis = completedAnalysis(mixWithReference());
    const result = analysis.result!;
    const text = analysisMarkdown(analysis);
    expect(text).toMatch(/^# Final mix v3\n/);
    expect(text).toContain(
      `| Integrated loudness | ${result.loudness.integratedLufs!.toFixed(1)} LUFS |`,
    );
    expect(text).toContain(`| True peak | ${result.loudness.truePeakDbtp!.toFixed(1)} dBTP |`);
    for (const platform of result.loudness.platforms)
      expect(text).toContain(`| ${platform.name} |`);
    expect(text).toContain(`## Against the reference (${result.comparison!.referenceName})`);
    expect(text).toContain('1. **[high] Lower the ceiling**');
    expect(text).toContain('2. **[low] Tame the air band**');
    expect(text).toContain('| limiting | master limiter | ceiling -1 dBTP · release 50 ms |');
    expect(text).toContain('_Source: rules engine._');
    expect(text).toContain('| Integrated loudness | -8.7 LUFS | -7.9 LUFS | -0.8 LU |');
    expect(text).toContain('| eq | mix bus | frequency 8000 Hz · gain -1.5 dB · Q 0.7 |');
    // Every table row has as many cells as its header.
    const tables = text.split('\n\n').filter((block) => block.startsWith('|'));
    for (const table of tables) {
      const widths = table
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => line.split(/(?<!\\)\|/).length);
      expect(new Set(widths).size, table).toBe(1);
    }
  });

  it('names files after the revision', () => {
    expect(exportFileName(completedAnalysis(), 'md')).toBe('Final-mix-v3.mixscope.md');
  });
});

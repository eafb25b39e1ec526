import { describe, expect, it } from 'vitest';
import { compareResults } from '@mixscope/dsp';
import { buildReferenceTrack, withReference } from '@mixscope/contracts/testing';
import { measuredMix, withPlatformRows } from '@mixscope/dsp/testing';
import { completedAnalysis } from '../test-support/fixtures.ts';
import { analysisJson, analysisMarkdown, exportFileName } from './analysis-export.ts';

const mixWithReference = () =>
  withReference(measuredMix(), buildReferenceTrack({}, withPlatformRows), compareResults);

describe('analysis exports', () => {
  it('JSON holds the result and report unchanged', () => {
    const analysis = completedAnalysis(mixWithReference());
    const parsed = JSON.parse(analysisJson(analysis));
    expect(parsed.result).toEqual(analysis.result);
    expect(parsed.report).toEqual(analysis.report);
    expect(parsed.id).toBe(analysis.id);
  });

  it('Markdown is the CLI report: the measurements, then the comparison, then the feedback', () => {
    const analysis = completedAnalysis(mixWithReference());
    const result = analysis.result!;
    const text = analysisMarkdown(result, analysis.report);
    expect(text).toMatch(/^# MixScope analysis — final-mix-v3\.wav\n/);
    const headings = text.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## File',
      '## Loudness & dynamics',
      '## Spectrum',
      '## Stereo',
      '## Tempo, key & transients',
      '## Issues',
      '## Comparison with reference',
      '## Feedback',
    ]);
    expect(text).toContain(
      `| Integrated loudness | ${result.loudness.integratedLufs!.toFixed(1)} LUFS |`,
    );
    expect(text).toContain(`| True peak | +${result.loudness.truePeakDbtp!.toFixed(1)} dBTP |`);
    for (const platform of result.loudness.platforms)
      expect(text).toContain(`| ${platform.name} |`);
    expect(text).toContain(`| Reference | ${result.comparison!.referenceName} |`);
    expect(text).toContain('| Integrated loudness | -8.7 LUFS | -7.9 LUFS | -0.8 LU |');
  });

  it('Markdown carries the written feedback, suggestions by priority and processing as a table', () => {
    const analysis = completedAnalysis(mixWithReference());
    const text = analysisMarkdown(analysis.result!, analysis.report);
    const report = analysis.report!.report;
    expect(text).toContain('Feedback by the rules engine. Genre profile: Pop (chosen at upload).');
    for (const paragraph of [report.summary, report.loudnessDynamics, report.stereoImage])
      expect(text).toContain(paragraph);
    expect(text).toContain('### Strengths\n\n- Solid, mono-compatible low end');
    expect(text).toContain(
      '1. High priority (true-peak): Lower the ceiling. Set the limiter ceiling to -1.0 dBTP.',
    );
    expect(text).toContain('2. Medium priority (dynamics): Ease the limiter.\n');
    expect(text).toContain(
      '3. Low priority (spectrum): Tame the air band. Shelf -1.5 dB above 8 kHz.',
    );
    expect(text).toContain('| limiting | master limiter | ceiling -1 dBTP · release 50 ms |');
    expect(text).toContain('| eq | mix bus | frequency 8000 Hz · gain -1.5 dB · Q 0.7 |');
    expect(text).toContain('| compression | drum bus | ratio 4:1 |');
    // Every table row has as many cells as its header.
    const tables = text.split('\n\n').filter((block) => block.startsWith('|'));
    expect(tables.length).toBeGreaterThan(5);
    for (const table of tables) {
      const widths = table
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => line.split(/(?<!\\)\|/).length);
      expect(new Set(widths).size, table).toBe(1);
    }
  });

  it('Markdown has no feedback section while the report is still being written', () => {
    const analysis = completedAnalysis(mixWithReference(), null);
    const text = analysisMarkdown(analysis.result!, analysis.report);
    expect(text).toContain('## Comparison with reference');
    expect(text).not.toContain('## Feedback');
  });

  it('names files after the revision’s title', () => {
    expect(exportFileName(completedAnalysis(), 'Album', 'md')).toBe('Final-mix-v3.mixscope.md');
    const titled = { ...completedAnalysis(), title: 'Mix v3.2 — “loud”: final?' };
    expect(exportFileName(titled, 'Album', 'json')).toBe('Mix-v3-2-loud-final.mixscope.json');
    const withExtension = { ...completedAnalysis(), title: 'Bridge take 2.wav' };
    expect(exportFileName(withExtension, null, 'md')).toBe('Bridge-take-2.mixscope.md');
  });

  it('falls back to the project and revision, never to the uploaded file’s name', () => {
    const untitled = {
      ...completedAnalysis(measuredMix({ file: { name: 'id3garbage.mp3' } })),
      title: null,
    };
    expect(exportFileName(untitled, 'Album — track 3', 'md')).toBe('Album-track-3-r3.mixscope.md');
    expect(exportFileName(untitled, 'Études №2 / ünïcode', 'md')).toBe(
      'Études-No2-ünïcode-r3.mixscope.md',
    );
    expect(exportFileName(untitled, null, 'md')).toBe(
      'analysis-11111111-1111-4111-8111-111111111111.mixscope.md',
    );
  });

  it('keeps a long name to a length every file system takes', () => {
    const long = { ...completedAnalysis(), title: 'x'.repeat(120) };
    expect(exportFileName(long, null, 'md')).toBe(`${'x'.repeat(80)}.mixscope.md`);
  });
});

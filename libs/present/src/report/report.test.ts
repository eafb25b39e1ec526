import { describe, expect, it } from 'vitest';
import { compareResults } from '@mixscope/dsp';
import { monoVoice, silentFile, stereoMix, stereoReference } from '@mixscope/contracts/testing';
import type { AnalysisResult } from '@mixscope/contracts';
import { formatNumber } from '../format/format-value.ts';
import { formatMarkdownReport } from './markdown-report.ts';
import { formatTextReport } from './text-report.ts';

function withReference(): AnalysisResult {
  const mix = stereoMix();
  const reference = stereoReference();
  return { ...mix, reference, comparison: compareResults(mix, reference) };
}

const SILENT_REASON = 'No 400 ms block above the -70 LUFS absolute gate';
const formats = [
  ['text', (doc: AnalysisResult) => formatTextReport(doc)],
  ['coloured text', (doc: AnalysisResult) => formatTextReport(doc, { color: true })],
  ['markdown', formatMarkdownReport],
] as const;

/** Lines from a heading (exact) to the next blank line. */
function block(report: string, header: RegExp): string[] {
  const lines = report.split('\n');
  const start = lines.findIndex((line) => header.test(line));
  expect(start).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, i) => i > start && line.trim() === '');
  return lines.slice(start, end === -1 ? undefined : end);
}

describe.each(formats)('%s report', (_name, format) => {
  const stereo = format(withReference());
  const mono = format(monoVoice());
  const silent = format(silentFile());

  it('never prints NaN, Infinity, undefined or a raw object', () => {
    for (const report of [stereo, mono, silent]) {
      expect(report).not.toMatch(/NaN|Infinity|undefined|\[object|null/);
    }
  });

  it('shows the key figures with their units', () => {
    for (const figure of [
      'final-mix-v3.wav',
      '44100 Hz',
      '3:55.1',
      '-8.7 LUFS',
      '-5.9 LUFS',
      '4.6 LU',
      '+0.4 dBTP',
      '-10.9 dBFS',
      '10.8 dB',
      '9.1 dB',
      'DR6',
      'Spotify',
      '-14.0 LUFS',
      '31.0 %',
      '1.84 kHz',
      '+0.78',
      '39 / 100',
      '124.0 BPM',
      'A minor',
      '4.3 /s',
      '7.5 ms',
      'true-peak-over',
      'clipping',
      '0:12.3',
      'pro-reference.flac',
    ]) {
      expect(stereo).toContain(figure);
    }
  });

  it('shows the platform gain and the peak after normalisation', () => {
    // Spotify turns −8.7 LUFS down to −14: gain −5.3 dB, true peak +0.4 − 5.3 = −4.9 dBTP.
    expect(stereo).toContain('-5.3 dB');
    expect(stereo).toContain('-4.9 dBTP');
    // A quiet −18.2 LUFS voice is turned up 4.2 dB into a +2.6 dBTP peak: over the limit.
    expect(mono).toContain('+4.2 dB');
    expect(mono).toContain('+2.6 dBTP');
    expect(mono).toContain('over');
  });

  it('shows the comparison with hand-computed band deltas', () => {
    expect(stereo).toMatch(/Comparison with reference/i);
    expect(stereo).toContain('-0.8 dB'); // loudness-match gain: −8.7 − (−7.9)
    const subDelta = -0.3 + 10 * Math.log10(0.12 / 0.09);
    const midsDelta = -0.3 + 10 * Math.log10(0.22 / 0.25);
    expect(stereo).toContain(`${formatNumber(subDelta, 1, true)} dB`);
    expect(stereo).toContain(`${formatNumber(midsDelta, 1, true)} dB`);
    expect(stereo).toContain('-370 Hz');
    expect(stereo).toContain('-2.0 BPM');
    expect(mono).not.toMatch(/Comparison with reference/i);
  });

  it('shows "—" with its reason for null figures', () => {
    expect(silent).toContain('—');
    expect(silent).toContain(SILENT_REASON);
    const integratedLine = silent.split('\n').find((line) => line.includes('Integrated loudness'));
    expect(integratedLine).toContain('—');
    expect(integratedLine).toContain(SILENT_REASON);
    expect(silent).toContain('The file is digital silence');
    expect(mono).toContain('Mono file: no stereo image to measure');
    expect(mono).toContain('MP3 is a lossy format with no fixed bit depth');
    expect(mono).toContain('No steady pulse found');
  });
});

describe('text report', () => {
  it('aligns table columns', () => {
    const report = formatTextReport(withReference());
    const spectrum = block(report, /^\s+Band\s+Range\s+Share/);
    expect(spectrum).toHaveLength(8);
    const levelEnds = spectrum.slice(2).map((line) => line.indexOf('dBFS') + 4);
    expect(new Set(levelEnds).size).toBe(1);
    const shareEnds = spectrum.slice(2).map((line) => line.indexOf('%'));
    expect(new Set(shareEnds).size).toBe(1);
  });

  it('aligns the values of a list of figures', () => {
    const loudness = block(formatTextReport(stereoMix()), /^\s+Integrated loudness/);
    const valueStarts = loudness.map((line) => /^(\s+\S.*?\s{2,})\S/.exec(line)?.[1].length);
    expect(loudness.length).toBeGreaterThan(10);
    expect(valueStarts.every((start) => start !== undefined && start > 20)).toBe(true);
    expect(new Set(valueStarts).size).toBe(1);
  });

  it('uses ANSI colours only when asked', () => {
    expect(formatTextReport(stereoMix())).not.toContain('\u001b[');
    expect(formatTextReport(stereoMix(), { color: true })).toContain('\u001b[31m');
  });
});

describe('markdown report', () => {
  it('writes well-formed tables', () => {
    const doc = withReference();
    doc.file.name = 'mix | final_v2.wav';
    const report = formatMarkdownReport(doc);
    expect(report).toContain('| Integrated loudness | -8.7 LUFS |');
    expect(report).toContain('## Comparison with reference');
    expect(report).toContain('mix \\| final\\_v2.wav');
    const cellCount = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    let header: number | null = null;
    for (const line of report.split('\n')) {
      if (!line.startsWith('|')) {
        header = null;
        continue;
      }
      header ??= cellCount(line);
      expect(cellCount(line)).toBe(header);
    }
  });

  it('puts the reason for a null in the row', () => {
    expect(formatMarkdownReport(silentFile())).toContain(
      `| Integrated loudness | — | ${SILENT_REASON} |`,
    );
  });
});

describe('formatNumber', () => {
  it('never prints negative zero and signs only non-zero values', () => {
    expect(formatNumber(-0.04, 1)).toBe('0.0');
    expect(formatNumber(-0.04, 1, true)).toBe('0.0');
    expect(formatNumber(0.36, 1, true)).toBe('+0.4');
    expect(formatNumber(-2.25, 1)).toBe('-2.3');
  });
});

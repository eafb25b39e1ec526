import { describe, expect, it } from 'vitest';
import { compareResults } from '@mixscope/dsp';
import {
  buildMonoFile,
  buildReferenceTrack,
  buildSampleFeedback,
  buildSilentFile,
} from '@mixscope/contracts/testing';
import { measuredMix, withPlatformRows } from '@mixscope/dsp/testing';
import {
  attachReference,
  type AnalysisResult,
  type CommentDto,
  type Feedback,
} from '@mixscope/contracts';
import { formatNumber } from '../format/format-number.ts';
import { formatMarkdownReport } from './markdown-report.ts';
import { formatTextReport, TEXT_REPORT_WIDTH } from './text-report.ts';

const monoVoice = () => buildMonoFile({}, withPlatformRows);
const silentFile = () => buildSilentFile({}, withPlatformRows);

function withReference(): AnalysisResult {
  const mix = measuredMix();
  const reference = buildReferenceTrack({}, withPlatformRows);
  return attachReference(mix, reference, compareResults(mix, reference));
}

/** A written report with every part the Feedback section can show, from the rules engine. */
const feedback = (overrides: Partial<Feedback> = {}): Feedback =>
  buildSampleFeedback({ fallbackReason: 'no API key', ...overrides });

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
    // AES TD1008 turns a quiet −18.2 LUFS voice up 2.2 dB to −16: its −1.6 dBTP peak lands at
    // +0.6 dBTP, over the −1 dBTP limit. Spotify turns it up only 0.6 dB, to a −1 dBTP peak.
    expect(mono).toContain('+2.2 dB');
    expect(mono).toContain('+0.6 dBTP');
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

  it('marks a tempo and key below the confidence threshold as uncertain guesses', () => {
    const guess = format(
      measuredMix({
        tempo: { bpm: 90.04, confidence: 0.12, uncertain: true },
        key: { tonic: 'A', mode: 'minor', label: 'A minor', confidence: 0.2, uncertain: true },
      }),
    );
    const tempoLine = guess
      .split('\n')
      .find((line) => /Tempo\b(?! confidence| stability|,)/.test(line));
    expect(tempoLine).toMatch(/≈ 90 BPM.*uncertain, confidence 12 %: a guess/);
    const keyLine = guess.split('\n').find((line) => /\bKey\b(?! confidence)/.test(line));
    expect(keyLine).toMatch(/≈ A minor.*uncertain, confidence 20 %: a guess/);

    // Against a reference, the tempo difference is named a guess too.
    const mix = measuredMix({ tempo: { bpm: 90.04, confidence: 0.12, uncertain: true } });
    const reference = buildReferenceTrack({}, withPlatformRows);
    const compared = format(attachReference(mix, reference, compareResults(mix, reference)));
    expect(compared.replace(/\s+/g, ' ')).toContain(
      'the mix reads ≈ 90 BPM (uncertain, confidence 12 %), so the difference is a guess',
    );
    expect(stereo).not.toContain('so the difference is a guess');

    // Analyses made before the flag existed: the threshold decides.
    const old = format(measuredMix({ tempo: { bpm: 128, confidence: 0.9, uncertain: undefined } }));
    expect(old).toMatch(/128\.0 BPM/);
    expect(old).not.toMatch(/≈ 128|uncertain, confidence 90/);
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
  it('fits every line of a full document in 100 columns, and loses no word doing it', () => {
    const doc = withReference();
    const report = formatTextReport(doc, { feedback: feedback() });
    const coloured = formatTextReport(doc, { feedback: feedback(), color: true });
    // eslint-disable-next-line no-control-regex
    const visible = coloured.replace(/\u001b\[\d+m/g, '');
    for (const text of [report, visible]) {
      const tooWide = text.split('\n').filter((line) => line.trimEnd().length > TEXT_REPORT_WIDTH);
      expect(tooWide).toEqual([]);
    }
    expect(TEXT_REPORT_WIDTH).toBe(100);
    const words = (text: string) => text.split(/\s+/).filter(Boolean).join(' ');
    for (const row of doc.loudness.platforms) expect(words(report)).toContain(words(row.note));
    for (const issue of doc.issues) expect(words(report)).toContain(words(issue.message));
    // The platform rows stay one line of figures each, the note under its row.
    const spotify = report.split('\n').findIndex((line) => line.trim().startsWith('Spotify '));
    expect(report.split('\n')[spotify + 1]).toMatch(/^ {6}Normal setting -14 LUFS/);
  });

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
    const loudness = block(formatTextReport(measuredMix()), /^\s+Integrated loudness/);
    const valueStarts = loudness.map((line) => /^(\s+\S.*?\s{2,})\S/.exec(line)?.[1].length);
    expect(loudness.length).toBeGreaterThan(10);
    expect(valueStarts.every((start) => start !== undefined && start > 20)).toBe(true);
    expect(new Set(valueStarts).size).toBe(1);
  });

  it('says how the centroid and the rolloff weigh the spectrum, as they sit side by side', () => {
    const text = formatTextReport(measuredMix({ spectrum: { centroidHz: 2800, rolloffHz: 1250 } }));
    expect(text).toMatch(/Spectral centroid\s+2\.80 kHz\s+\(amplitude-weighted mean frequency\)/);
    expect(text).toMatch(/Spectral rolloff\s+1\.25 kHz\s+\(85 % of the power lies below\)/);
  });

  it('uses ANSI colours only when asked', () => {
    expect(formatTextReport(measuredMix())).not.toContain('\u001b[');
    expect(formatTextReport(measuredMix(), { color: true })).toContain('\u001b[31m');
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

describe.each([
  ['text', '\nFEEDBACK\n', formatTextReport],
  ['markdown', '\n## Feedback\n', formatMarkdownReport],
] as const)('%s report with feedback', (_name, heading, format) => {
  const report = format(withReference(), { feedback: feedback() });

  it('appends the feedback after the measurements and keeps the footer last', () => {
    expect(report.indexOf(heading)).toBeGreaterThan(report.search(/comparison with reference/i));
    expect(report.trimEnd().split('\n').at(-1)).toMatch(/Analysed by mixscope/);
    expect(format(withReference())).not.toContain(heading);
  });

  it('says who wrote it and with which genre profile', () => {
    expect(report).toContain(
      'Feedback by the rules engine (no API key). Genre profile: Pop (chosen at upload).',
    );
    const llm = format(measuredMix(), {
      feedback: feedback({ source: 'llm', model: 'llama-x', fallbackReason: undefined }),
    });
    expect(llm).toContain('Feedback by llama-x, checked against the measurements.');
  });

  it('lists what the consistency check dropped from the LLM answer', () => {
    const note = 'Dropped the suggestion “Widen the mids.”: widen-and-narrow on the stereo image.';
    const llm = format(measuredMix(), {
      feedback: feedback({
        source: 'llm',
        model: 'llama-x',
        fallbackReason: undefined,
        notes: [note],
      }),
    });
    expect(llm).toContain('Consistency check');
    expect(llm).toContain(note);
    expect(report).not.toContain('Consistency check');
  });

  it('says when the automatic genre choice was unsure, and between which profiles', () => {
    const unsure = format(measuredMix(), {
      feedback: feedback({
        profile: {
          id: 'classical',
          name: 'Classical / orchestral or Jazz',
          chosenBy: 'auto',
          reason: 'auto: between Classical / orchestral and Jazz (mismatch 0.40, 0.50)',
          sure: false,
          candidates: [
            { id: 'classical', name: 'Classical / orchestral', score: 0.4 },
            { id: 'jazz', name: 'Jazz', score: 0.5 },
          ],
        },
      }),
    });
    expect(unsure.replace(/\s+/g, ' ')).toContain(
      'Genre profile: unsure, judged against the union of Classical / orchestral or Jazz (auto: between Classical / orchestral and Jazz',
    );
    expect(report).not.toContain('unsure');
  });

  it('shows every paragraph and list item of the written report', () => {
    for (const text of [
      'A loud pop master whose peaks go over the ceiling.',
      'Integrated -8.7 LUFS with a PLR of 9.1 dB.',
      'Balanced low end; the air band is a little hot.',
      'Wide highs over a mono-compatible low end.',
      'Half a dB hotter than the reference.',
      'Solid, mono-compatible low end',
      'True peak over -1 dBTP',
    ]) {
      expect(report).toContain(text);
    }
  });

  it('lists the suggestions by priority, high first', () => {
    expect(report).toContain(
      '1. High priority (true-peak): Lower the ceiling. Set the limiter ceiling to -1.0 dBTP.',
    );
    expect(report).toContain('2. Medium priority (dynamics): Ease the limiter.\n');
    expect(report).toContain(
      '3. Low priority (spectrum): Tame the air band. Shelf -1.5 dB above 8 kHz.',
    );
  });

  it('writes the processing settings with their units', () => {
    expect(report).toMatch(/eq\s+\|?\s*mix bus\s+\|?\s*frequency 8000 Hz · gain -1.5 dB · Q 0.7/);
    expect(report).toMatch(/compression\s+\|?\s*drum bus\s+\|?\s*ratio 4:1/);
  });
});

describe('a file of more than two channels', () => {
  it('says it was measured on the stereo downmix and names the measured channels L and R', () => {
    const mix = measuredMix();
    const surround: AnalysisResult = {
      ...mix,
      file: {
        ...mix.file,
        channels: 6,
        channelLayout: '5.1',
        downmix: 'stereo downmix by ffmpeg; every figure is of the downmix',
      },
    };
    for (const report of [formatTextReport(surround), formatMarkdownReport(surround)]) {
      expect(report).toContain('Measured on');
      expect(report).toContain('stereo downmix by ffmpeg');
      expect(report).not.toContain('ch1');
    }
  });
});

describe('markdown report with comments', () => {
  const comment = (overrides: Partial<CommentDto>): CommentDto => ({
    id: 'c',
    analysisId: 'a',
    author: { id: 'u1', name: 'Alice' },
    body: 'Note',
    atSec: 0,
    endSec: null,
    parentId: null,
    resolved: false,
    createdAt: '2026-12-04T10:00:00.000Z',
    ...overrides,
  });
  // As the API lists them: by time, then by when written.
  const comments = [
    comment({ id: 'early', atSec: 5.04, endSec: 12.5, author: { id: 'u2', name: 'Bob' } }),
    comment({ id: 'root', atSec: 65.3, body: 'Vocal *too* loud', resolved: true }),
    comment({
      id: 'reply',
      atSec: 65.3,
      parentId: 'root',
      body: 'Agreed\nfixed in v4',
      author: { id: 'u2', name: 'Bob' },
      createdAt: '2026-12-04T10:05:00.000Z',
    }),
    comment({ id: 'later', atSec: 70, body: 'Snare', createdAt: '2026-12-04T09:00:00.000Z' }),
  ];

  it('lists them time-coded after the feedback, replies under their comment, resolved marked', () => {
    // Given in any order: the report sorts and threads them itself.
    const report = formatMarkdownReport(withReference(), {
      feedback: feedback(),
      comments: [...comments].reverse(),
    });
    expect(report.indexOf('\n## Comments\n')).toBeGreaterThan(report.indexOf('\n## Feedback\n'));
    expect(report).toContain(
      [
        '- 0:05.0–0:12.5 · Bob: Note',
        '- 1:05.3 · Alice (resolved): Vocal \\*too\\* loud',
        '- ↳ Bob: Agreed fixed in v4',
        '- 1:10.0 · Alice: Snare',
      ].join('\n'),
    );
    expect(report.trimEnd().split('\n').at(-1)).toMatch(/Analysed by mixscope/);
  });

  it('has no Comments section without comments', () => {
    expect(formatMarkdownReport(withReference())).not.toContain('## Comments');
    expect(formatMarkdownReport(withReference(), { comments: [] })).not.toContain('## Comments');
  });
});
